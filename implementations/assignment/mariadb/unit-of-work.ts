import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { decide } from "../aggregates.js";
import { isVersionConflict, VersionConflict } from "../../version-conflict.js";
import { containerRows, memberRows } from "./aggregate-rows.js";
import { aggregateTables, readAggregates } from "./tables.js";
import { resetTables } from "../../mariadb/tables.js";
import { inTransaction, retryTransaction } from "../../mariadb/transaction.js";

/**
 * Versioned aggregates in one unit of work at REPEATABLE READ: both loads from one snapshot, both
 * versioned saves committed together or not at all. Correct here as on PostgreSQL, but not for the
 * same reason: PostgreSQL fails the second save of a row with 40001; InnoDB lets it through to the
 * latest committed version, where `WHERE version = ?` matches nothing and the command starts over.
 */
export const unitOfWorkOnMariadb = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, MariadbEnvironment>({
  family: "assignment",
  name: "mariadb-unit-of-work",
  design: "versioned aggregates, one unit of work",
  backend: "mariadb",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, aggregateTables);
    return {
      execute: (command) =>
        retryTransaction(
          () =>
            inTransaction(pool, "REPEATABLE READ", async (connection) => {
              const { member: memberId, container: containerId } = command;
              const member = await memberRows.load(connection, memberId);
              const container = await containerRows.load(connection, containerId);
              const decision = decide(command, member.value, container.value, config);
              if (decision.outcome !== "joined" && decision.outcome !== "left") return decision.outcome;
              if (!(await memberRows.saveIfVersion(connection, memberId, decision.member, member.version))) throw new VersionConflict(memberId);
              if (!(await containerRows.saveIfVersion(connection, containerId, decision.container, container.version))) throw new VersionConflict(containerId);
              return decision.outcome;
            }),
          isVersionConflict,
        ),
      snapshot: () => readAggregates(direct),
    };
  },
});
