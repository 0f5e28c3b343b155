import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { UniqueEmailCommand, UniqueEmailConfig, UniqueEmailOutcome, UniqueEmailSnapshot } from "../../../model/unique-email/types.js";
import { decideEmail, sameEmail } from "../email-rules.js";
import { resetTables, type TableDefinition } from "../../postgres/table-definition.js";
import { inTransaction, violates } from "../../postgres/transaction.js";
import { readUsers } from "./tables.js";

/** The user's id is the key, and a unique index on the normalized e-mail does the set validation. */
const users: TableDefinition = {
  name: "users",
  ddl: "CREATE TABLE users (id text PRIMARY KEY, email text NOT NULL); CREATE UNIQUE INDEX users_email_key ON users (lower(btrim(email)))",
};

/** 23505 on this index: another user holds the e-mail (or a transaction writing it just committed). */
const emailTaken = (error: unknown): boolean => violates(error, "users_email_key");

/**
 * Set validation by the database: no command checks whether another user holds the e-mail; it
 * writes, and the unique index refuses the second holder (a writer that meets an uncommitted equal
 * entry waits for that transaction, then fails with 23505 only if it committed). The outcomes that
 * take precedence over `email-taken` are decided first: a registration's `ON CONFLICT (id)` says
 * `already-registered`, and a change locks the user's row (`FOR UPDATE`), so that `unknown-user`,
 * `stale` and `unchanged` are decided on the e-mail that the UPDATE then replaces: the
 * compare-and-set cannot act on a stale read.
 */
export const uniqueIndexUniqueEmail = defineImplementation<UniqueEmailConfig, UniqueEmailCommand, UniqueEmailOutcome, UniqueEmailSnapshot, PostgresEnvironment>(
  {
    family: "unique-email",
    name: "pg-email-unique-index",
    design: "database constraint (unique index on the normalized e-mail)",
    backend: "postgres",
    claim: "linearizable",
    async create({ pool, direct }) {
      await resetTables(direct, [users]);
      const register = async (user: string, email: string): Promise<UniqueEmailOutcome> => {
        const inserted = await pool.query("INSERT INTO users (id, email) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING", [user, email]);
        return inserted.rowCount === 1 ? "registered" : "already-registered";
      };
      const change = (command: UniqueEmailCommand & { readonly email: string }): Promise<UniqueEmailOutcome> =>
        inTransaction(pool, "BEGIN", async (client) => {
          const { rows } = await client.query<{ email: string }>("SELECT email FROM users WHERE id = $1 FOR UPDATE", [command.user]);
          // Whether another user holds the e-mail is the index's to say, last, as the precedence wants.
          const decision = decideEmail(command, rows[0]?.email, false, sameEmail);
          if (decision.outcome === "changed") await client.query("UPDATE users SET email = $2 WHERE id = $1", [command.user, decision.email]);
          return decision.outcome;
        });
      const unregister = async (user: string): Promise<UniqueEmailOutcome> => {
        const deleted = await pool.query("DELETE FROM users WHERE id = $1", [user]);
        return deleted.rowCount === 0 ? "unknown-user" : "unregistered";
      };
      return {
        async execute(command) {
          try {
            if (command._tag === "register") return await register(command.user, command.email);
            if (command._tag === "unregister") return await unregister(command.user);
            return await change(command);
          } catch (error) {
            if (emailTaken(error)) return "email-taken";
            throw error;
          }
        },
        snapshot: () => readUsers(direct),
      };
    },
  },
);
