import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { checkThenActIn } from "./check-then-act.js";
import { lockedParents, memberships, readPairs } from "./tables.js";
import { resetTables } from "../../postgres/table-definition.js";
import { inTransaction } from "../../postgres/transaction.js";

/**
 * Row locks: the naive design's check-then-act at READ COMMITTED, after `SELECT … FOR UPDATE` on the
 * parent rows, the member's first and then the container's (one fixed order, so two commands never
 * wait for each other in a cycle). Any change to a member's or a container's pairs holds that
 * parent's lock, so nothing the check reads can change before the commit. Only a row that exists
 * can be locked: the parent rows are upserted first, in a short transaction of their own.
 */
export const rowLocks = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, PostgresEnvironment>({
  family: "assignment",
  name: "pg-row-locks",
  design: "row locks (SELECT … FOR UPDATE on both parents)",
  backend: "postgres",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, [...lockedParents, memberships]);
    return {
      async execute(command) {
        const { member, container } = command;
        await pool.query(
          "WITH new_member AS (INSERT INTO members (id) VALUES ($1) ON CONFLICT DO NOTHING) INSERT INTO containers (id) VALUES ($2) ON CONFLICT DO NOTHING",
          [member, container],
        );
        return inTransaction(pool, "BEGIN", async (client) => {
          await client.query("SELECT id FROM members WHERE id = $1 FOR UPDATE", [member]);
          await client.query("SELECT id FROM containers WHERE id = $1 FOR UPDATE", [container]);
          return checkThenActIn(client, config, command);
        });
      },
      snapshot: () => readPairs(direct, memberships.name),
    };
  },
});
