import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { UniqueEmailCommand, UniqueEmailConfig, UniqueEmailOutcome, UniqueEmailSnapshot } from "../../../model/unique-email/types.js";
import { resetTables } from "../../postgres/table-definition.js";
import { retryTransaction } from "../../postgres/transaction.js";
import { checkThenWrite } from "./naive.js";
import { readUsers, users } from "./tables.js";

/**
 * The naive check-then-insert, unchanged, at SERIALIZABLE. PostgreSQL remembers what each SELECT
 * read (here the whole table: no index serves `lower(btrim(email))`); when two registrations each
 * read what the other then wrote, one fails with 40001 and runs again from its SELECT, which now
 * finds the other's row.
 */
export const serializableUniqueEmail = defineImplementation<
  UniqueEmailConfig,
  UniqueEmailCommand,
  UniqueEmailOutcome,
  UniqueEmailSnapshot,
  PostgresEnvironment
>({
  family: "unique-email",
  name: "pg-email-serializable",
  design: "serializable + retry",
  backend: "postgres",
  claim: "linearizable",
  async create({ pool, direct }) {
    await resetTables(direct, [users]);
    return { execute: (command) => retryTransaction(() => checkThenWrite(pool, "SERIALIZABLE", command)), snapshot: () => readUsers(direct) };
  },
});
