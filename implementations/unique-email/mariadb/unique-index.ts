import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { UniqueEmailCommand, UniqueEmailConfig, UniqueEmailOutcome, UniqueEmailSnapshot } from "../../../model/unique-email/types.js";
import { decideEmail, sameEmail } from "../email-rules.js";
import { resetTables } from "../../mariadb/tables.js";
import { affected, errnoOf, inTransaction, retryTransaction, rowsOf } from "../../mariadb/transaction.js";
import { indexedUsers, readUsers } from "./tables.js";

/** MariaDB names the key only in the message of 1062: "Duplicate entry '…' for key 'users_email_key'". */
const duplicateOn = (error: unknown, key: string): boolean =>
  errnoOf(error) === 1062 && String((error as { sqlMessage?: unknown }).sqlMessage).endsWith(`for key '${key}'`);

/**
 * Set validation by the database: a unique index on the normalized e-mail (a stored generated
 * column, since MariaDB indexes no expression) refuses a second holder with 1062. A registration is
 * one INSERT: InnoDB checks the primary key before the secondary index, so `already-registered`
 * takes precedence over `email-taken`, as the model wants. A change locks the user's row first, so
 * that `unknown-user`, `stale` and `unchanged` are decided on the e-mail the UPDATE replaces.
 * InnoDB's duplicate checks take next-key locks that can deadlock; a deadlock runs the command again.
 */
export const uniqueIndexUniqueEmailOnMariadb = defineImplementation<
  UniqueEmailConfig,
  UniqueEmailCommand,
  UniqueEmailOutcome,
  UniqueEmailSnapshot,
  MariadbEnvironment
>({
  family: "unique-email",
  name: "mariadb-email-unique-index",
  design: "database constraint (unique index on the normalized e-mail)",
  backend: "mariadb",
  claim: "linearizable",
  async create({ pool, direct }) {
    await resetTables(direct, [indexedUsers]);
    const db = pool.promise();
    const register = async (user: string, email: string): Promise<UniqueEmailOutcome> => {
      try {
        await db.query("INSERT INTO users (id, email) VALUES (?, ?)", [user, email]);
        return "registered";
      } catch (error) {
        if (duplicateOn(error, "PRIMARY")) return "already-registered";
        throw error;
      }
    };
    const change = (command: UniqueEmailCommand & { readonly email: string }): Promise<UniqueEmailOutcome> =>
      inTransaction(pool, undefined, async (connection) => {
        const [row] = await rowsOf<{ email: string }>(connection, "SELECT email FROM users WHERE id = ? FOR UPDATE", [command.user]);
        // Whether another user holds the e-mail is the index's to say, last, as the precedence wants.
        const decision = decideEmail(command, row?.email, false, sameEmail);
        if (decision.outcome === "changed") await connection.query("UPDATE users SET email = ? WHERE id = ?", [decision.email, command.user]);
        return decision.outcome;
      });
    const unregister = async (user: string): Promise<UniqueEmailOutcome> =>
      (await affected(db, "DELETE FROM users WHERE id = ?", [user])) === 0 ? "unknown-user" : "unregistered";
    const run = async (command: UniqueEmailCommand): Promise<UniqueEmailOutcome> => {
      try {
        if (command._tag === "register") return await register(command.user, command.email);
        if (command._tag === "unregister") return await unregister(command.user);
        return await change(command);
      } catch (error) {
        if (duplicateOn(error, "users_email_key")) return "email-taken";
        throw error;
      }
    };
    return { execute: (command) => retryTransaction(() => run(command)), snapshot: () => readUsers(direct) };
  },
});
