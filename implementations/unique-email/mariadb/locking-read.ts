import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { UniqueEmailCommand, UniqueEmailConfig, UniqueEmailOutcome, UniqueEmailSnapshot } from "../../../model/unique-email/types.js";
import { resetTables } from "../../mariadb/tables.js";
import { retryTransaction } from "../../mariadb/transaction.js";
import { checkThenWrite } from "./naive.js";
import { readUsers, users } from "./tables.js";

/**
 * The naive check-then-insert with `FOR UPDATE` on its SELECT, at REPEATABLE READ, retried on
 * deadlock. On PostgreSQL the same code is still broken: FOR UPDATE locks only rows it returns,
 * and a missing e-mail returns none. InnoDB locks what it scans, gaps included (next-key locks):
 * two registrations of one e-mail both take the gap lock, both INSERTs wait for the other, and the
 * deadlock (1213) sends one of them back to its SELECT, which now finds the other's row.
 */
export const lockingReadUniqueEmailOnMariadb = defineImplementation<
  UniqueEmailConfig,
  UniqueEmailCommand,
  UniqueEmailOutcome,
  UniqueEmailSnapshot,
  MariadbEnvironment
>({
  family: "unique-email",
  name: "mariadb-email-locking-read",
  design: "check-then-insert with SELECT … FOR UPDATE (gap locks), REPEATABLE READ + retry",
  backend: "mariadb",
  claim: "linearizable",
  async create({ pool, direct }) {
    await resetTables(direct, [users]);
    return { execute: (command) => retryTransaction(() => checkThenWrite(pool, "REPEATABLE READ", command, " FOR UPDATE")), snapshot: () => readUsers(direct) };
  },
});
