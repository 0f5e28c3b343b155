import type { Pool } from "mysql2";
import type { PoolConnection } from "mysql2/promise";
import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { UniqueEmailCommand, UniqueEmailConfig, UniqueEmailOutcome, UniqueEmailSnapshot } from "../../../model/unique-email/types.js";
import { decideFromRows, requestedEmail } from "../email-rules.js";
import { resetTables } from "../../mariadb/tables.js";
import { inTransaction, type Isolation, rowsOf } from "../../mariadb/transaction.js";
import { readUsers, users } from "./tables.js";

/**
 * Check-then-write on a connection inside a transaction: one SELECT finds the user's row and every
 * row holding the requested e-mail once trimmed and lower-cased (`lock` appends a locking clause),
 * the domain service decides, then one INSERT, UPDATE or DELETE.
 */
export const checkThenWriteIn = async (connection: PoolConnection, command: UniqueEmailCommand, lock = ""): Promise<UniqueEmailOutcome> => {
  const { user } = command;
  const rows = await rowsOf<{ id: string; email: string }>(
    connection,
    `SELECT id, email FROM users WHERE id = ? OR LOWER(TRIM(email)) = LOWER(TRIM(?))${lock}`,
    [user, requestedEmail(command) ?? null],
  );
  const decision = decideFromRows(command, rows);
  if (decision.outcome === "registered") await connection.query("INSERT INTO users (id, email) VALUES (?, ?)", [user, decision.email]);
  if (decision.outcome === "changed") await connection.query("UPDATE users SET email = ? WHERE id = ?", [decision.email, user]);
  if (decision.outcome === "unregistered") await connection.query("DELETE FROM users WHERE id = ?", [user]);
  return decision.outcome;
};

/** The check-then-write as one transaction at `isolation`. */
export const checkThenWrite = (pool: Pool, isolation: Isolation, command: UniqueEmailCommand, lock = ""): Promise<UniqueEmailOutcome> =>
  inTransaction(pool, isolation, (connection) => checkThenWriteIn(connection, command, lock));

/** Naive check-then-insert at READ COMMITTED: two registrations of one e-mail both find nobody holding it. */
export const naiveUniqueEmailOnMariadb = defineImplementation<
  UniqueEmailConfig,
  UniqueEmailCommand,
  UniqueEmailOutcome,
  UniqueEmailSnapshot,
  MariadbEnvironment
>({
  family: "unique-email",
  name: "mariadb-email-naive",
  design: "naive check-then-insert, READ COMMITTED",
  backend: "mariadb",
  claim: "linearizable",
  async create({ pool, direct }) {
    await resetTables(direct, [users]);
    return { execute: (command) => checkThenWrite(pool, "READ COMMITTED", command), snapshot: () => readUsers(direct) };
  },
});
