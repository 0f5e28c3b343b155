import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { UniqueEmailCommand, UniqueEmailConfig, UniqueEmailOutcome, UniqueEmailSnapshot } from "../../../model/unique-email/types.js";
import { resetTables } from "../../mariadb/tables.js";
import { retryTransaction } from "../../mariadb/transaction.js";
import { checkThenWrite } from "./naive.js";
import { readUsers, users } from "./tables.js";

/**
 * The naive check-then-insert, unchanged, at SERIALIZABLE: the SELECT becomes a shared locking read
 * of the whole table (no index serves `LOWER(TRIM(email))`) and of the gap after its last row, so
 * two registrations block each other's INSERT; InnoDB breaks that cycle at once with 1213 and the
 * victim runs again, now finding the other's row.
 */
export const serializableUniqueEmailOnMariadb = defineImplementation<
  UniqueEmailConfig,
  UniqueEmailCommand,
  UniqueEmailOutcome,
  UniqueEmailSnapshot,
  MariadbEnvironment
>({
  family: "unique-email",
  name: "mariadb-email-serializable",
  design: "serializable + retry",
  backend: "mariadb",
  claim: "linearizable",
  async create({ pool, direct }) {
    await resetTables(direct, [users]);
    return { execute: (command) => retryTransaction(() => checkThenWrite(pool, "SERIALIZABLE", command)), snapshot: () => readUsers(direct) };
  },
});
