import { defineImplementation } from "../../../engine/implementation.js";
import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { checkThenAct } from "./check-then-act.js";
import { memberships, readPairs } from "./tables.js";
import { resetTables } from "../../postgres/table-definition.js";
import { retryTransaction } from "../../postgres/transaction.js";

/**
 * The naive check-then-act, unchanged, at SERIALIZABLE. PostgreSQL tracks what each transaction
 * read; when two joins each read what the other then wrote, one of them fails with 40001 (on its
 * INSERT or at COMMIT), and it runs again from the start, now seeing the other's row.
 */
export const serializableAssignment = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, PostgresEnvironment>({
  family: "assignment",
  name: "pg-serializable",
  design: "serializable + retry",
  backend: "postgres",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, [memberships]);
    return {
      execute: (command) => retryTransaction(() => checkThenAct(pool, "SERIALIZABLE", config, command)),
      snapshot: () => readPairs(direct, memberships.name),
    };
  },
});
