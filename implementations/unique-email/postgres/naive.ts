import type { Pool, PoolClient } from "pg";
import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { UniqueEmailCommand, UniqueEmailConfig, UniqueEmailOutcome, UniqueEmailSnapshot } from "../../../model/unique-email/types.js";
import { decideFromRows, requestedEmail } from "../email-rules.js";
import { resetTables } from "../../postgres/table-definition.js";
import { inTransaction, type Isolation } from "../../postgres/transaction.js";
import { readUsers, users } from "./tables.js";

/**
 * Check-then-insert on a connection inside a transaction: one SELECT finds the user's row and every
 * row holding the requested e-mail once trimmed and lower-cased, the domain service decides, then
 * one INSERT, UPDATE or DELETE. Nothing stops another transaction from writing the same e-mail
 * between this SELECT and this write.
 */
export const checkThenWriteIn = async (client: PoolClient, command: UniqueEmailCommand): Promise<UniqueEmailOutcome> => {
  const { user } = command;
  const { rows } = await client.query<{ id: string; email: string }>("SELECT id, email FROM users WHERE id = $1 OR lower(btrim(email)) = lower(btrim($2))", [
    user,
    requestedEmail(command) ?? null,
  ]);
  const decision = decideFromRows(command, rows);
  if (decision.outcome === "registered") await client.query("INSERT INTO users (id, email) VALUES ($1, $2)", [user, decision.email]);
  if (decision.outcome === "changed") await client.query("UPDATE users SET email = $2 WHERE id = $1", [user, decision.email]);
  if (decision.outcome === "unregistered") await client.query("DELETE FROM users WHERE id = $1", [user]);
  return decision.outcome;
};

/** The check-then-insert as one transaction at `isolation`. */
export const checkThenWrite = (pool: Pool, isolation: Isolation, command: UniqueEmailCommand): Promise<UniqueEmailOutcome> =>
  inTransaction(pool, `BEGIN ISOLATION LEVEL ${isolation}`, (client) => checkThenWriteIn(client, command));

/**
 * Naive check-then-insert at READ COMMITTED: two registrations of " A@x.io" and "a@x.io" both find
 * nobody holding the e-mail, because neither sees the other's row before it commits, and both
 * insert.
 */
export const naiveUniqueEmailOnPostgres = defineImplementation<
  UniqueEmailConfig,
  UniqueEmailCommand,
  UniqueEmailOutcome,
  UniqueEmailSnapshot,
  PostgresEnvironment
>({
  family: "unique-email",
  name: "pg-email-naive",
  design: "naive check-then-insert, READ COMMITTED",
  backend: "postgres",
  claim: "linearizable",
  async create({ pool, direct }) {
    await resetTables(direct, [users]);
    return { execute: (command) => checkThenWrite(pool, "READ COMMITTED", command), snapshot: () => readUsers(direct) };
  },
});
