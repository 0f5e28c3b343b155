import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { checkThenAct } from "./naive-rc.js";
import { memberships, readPairs } from "./tables.js";
import { resetTables } from "../../mariadb/tables.js";
import { retryTransaction } from "../../mariadb/transaction.js";

/**
 * The naive check-then-act, unchanged, at SERIALIZABLE. The verdict is PostgreSQL's, the mechanism
 * is not: InnoDB turns every plain SELECT into a shared locking read of the rows and gaps it scans
 * (here the whole unindexed table), so two joins that read the same pairs each block the other's
 * INSERT; InnoDB breaks the cycle at once with 1213 and the victim runs again from the start.
 */
export const serializableOnMariadb = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, MariadbEnvironment>({
  family: "assignment",
  name: "mariadb-serializable",
  design: "serializable + retry",
  backend: "mariadb",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, [memberships]);
    return {
      execute: (command) => retryTransaction(() => checkThenAct(pool, "SERIALIZABLE", config, command)),
      snapshot: () => readPairs(direct, memberships.name),
    };
  },
});
