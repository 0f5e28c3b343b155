import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { decide } from "../aggregates.js";
import { containerRows, memberRows } from "./aggregate-rows.js";
import { isVersionConflict, VersionConflict } from "../../version-conflict.js";
import { aggregateTables, readAggregates } from "./tables.js";
import { resetTables } from "../../postgres/table-definition.js";
import { inTransaction, retryTransaction } from "../../postgres/transaction.js";

/**
 * Versioned aggregates in one unit of work: both aggregates are loaded from one snapshot
 * (REPEATABLE READ) and both versioned saves commit together or not at all. A save that finds its
 * version moved on (0 rows, or 40001 when the row changed after the snapshot) rolls everything back
 * and the command starts over. A refusal is read from one snapshot too, so it is never decided on
 * a member and a container seen at different moments.
 */
export const unitOfWork = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, PostgresEnvironment>({
  family: "assignment",
  name: "pg-unit-of-work",
  design: "versioned aggregates, one unit of work",
  backend: "postgres",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, aggregateTables);
    return {
      execute: (command) =>
        retryTransaction(
          () =>
            inTransaction(pool, "BEGIN ISOLATION LEVEL REPEATABLE READ", async (client) => {
              const { member: memberId, container: containerId } = command;
              const member = await memberRows.load(client, memberId);
              const container = await containerRows.load(client, containerId);
              const decision = decide(command, member.value, container.value, config);
              if (decision.outcome !== "joined" && decision.outcome !== "left") return decision.outcome;
              if (!(await memberRows.saveIfVersion(client, memberId, decision.member, member.version))) throw new VersionConflict(memberId);
              if (!(await containerRows.saveIfVersion(client, containerId, decision.container, container.version))) throw new VersionConflict(containerId);
              return decision.outcome;
            }),
          isVersionConflict,
        ),
      snapshot: () => readAggregates(direct),
    };
  },
});
