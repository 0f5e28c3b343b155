import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { checkThenActIn } from "./naive-rc.js";
import { lockedParents, memberships, readPairs } from "./tables.js";
import { resetTables } from "../../mariadb/tables.js";
import { inTransaction } from "../../mariadb/transaction.js";

/**
 * Row locks: the naive check-then-act at READ COMMITTED, after `SELECT … FOR UPDATE` on the parent
 * rows, the member's first and then the container's (one fixed order: no deadlock between two
 * commands). Only a row that exists can be locked, so the parents are upserted first, each in
 * autocommit (`INSERT IGNORE`).
 */
export const rowLocksOnMariadb = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, MariadbEnvironment>({
  family: "assignment",
  name: "mariadb-row-locks",
  design: "row locks (SELECT … FOR UPDATE on both parents)",
  backend: "mariadb",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, [...lockedParents, memberships]);
    const db = pool.promise();
    return {
      async execute(command) {
        const { member, container } = command;
        await db.query("INSERT IGNORE INTO members (id) VALUES (?)", [member]);
        await db.query("INSERT IGNORE INTO containers (id) VALUES (?)", [container]);
        return inTransaction(pool, "READ COMMITTED", async (connection) => {
          await connection.query("SELECT id FROM members WHERE id = ? FOR UPDATE", [member]);
          await connection.query("SELECT id FROM containers WHERE id = ? FOR UPDATE", [container]);
          return checkThenActIn(connection, config, command);
        });
      },
      snapshot: () => readPairs(direct, memberships.name),
    };
  },
});
