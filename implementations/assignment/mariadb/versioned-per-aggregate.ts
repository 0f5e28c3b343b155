import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { decide } from "../aggregates.js";
import { isVersionConflict, VersionConflict } from "../../version-conflict.js";
import { containerRows, memberRows } from "./aggregate-rows.js";
import { aggregateTables, readAggregates } from "./tables.js";
import { resetTables } from "../../mariadb/tables.js";
import { retryTransaction } from "../../mariadb/transaction.js";

/**
 * Versioned aggregates, one per transaction: every statement runs on its own (autocommit). The
 * member is saved before the container's version is checked, so when the container's save loses,
 * the member's save stays: half a join is stored.
 */
export const versionedPerAggregateOnMariadb = defineImplementation<
  AssignmentConfig,
  AssignmentCommand,
  AssignmentOutcome,
  AssignmentSnapshot,
  MariadbEnvironment
>({
  family: "assignment",
  name: "mariadb-versioned-per-aggregate",
  design: "versioned aggregates, one per transaction",
  backend: "mariadb",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, aggregateTables);
    const db = pool.promise();
    return {
      execute: (command) =>
        retryTransaction(async () => {
          const { member: memberId, container: containerId } = command;
          const member = await memberRows.load(db, memberId);
          const container = await containerRows.load(db, containerId);
          const decision = decide(command, member.value, container.value, config);
          if (decision.outcome !== "joined" && decision.outcome !== "left") return decision.outcome;
          if (!(await memberRows.saveIfVersion(db, memberId, decision.member, member.version))) throw new VersionConflict(memberId);
          if (!(await containerRows.saveIfVersion(db, containerId, decision.container, container.version))) throw new VersionConflict(containerId);
          return decision.outcome;
        }, isVersionConflict),
      snapshot: () => readAggregates(direct),
    };
  },
});
