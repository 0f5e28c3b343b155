import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { decide } from "../aggregates.js";
import { containerRows, memberRows } from "./aggregate-rows.js";
import { isVersionConflict, VersionConflict } from "../../version-conflict.js";
import { aggregateTables, readAggregates } from "./tables.js";
import { resetTables } from "../../postgres/table-definition.js";
import { retryTransaction } from "../../postgres/transaction.js";

/**
 * Versioned aggregates, one per transaction: every statement runs on its own (autocommit), and each
 * save is `UPDATE … WHERE version = $v`. The member is saved before the container's version is
 * checked, so when the container's save loses, the member's save stays: half a join is stored, and
 * the retry then reads it.
 */
export const versionedPerAggregate = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, PostgresEnvironment>({
  family: "assignment",
  name: "pg-versioned-per-aggregate",
  design: "versioned aggregates, one per transaction",
  backend: "postgres",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, aggregateTables);
    return {
      execute: (command) =>
        retryTransaction(async () => {
          const { member: memberId, container: containerId } = command;
          const member = await memberRows.load(pool, memberId);
          const container = await containerRows.load(pool, containerId);
          const decision = decide(command, member.value, container.value, config);
          if (decision.outcome !== "joined" && decision.outcome !== "left") return decision.outcome;
          if (!(await memberRows.saveIfVersion(pool, memberId, decision.member, member.version))) throw new VersionConflict(memberId);
          if (!(await containerRows.saveIfVersion(pool, containerId, decision.container, container.version))) throw new VersionConflict(containerId);
          return decision.outcome;
        }, isVersionConflict),
      snapshot: () => readAggregates(direct),
    };
  },
});
