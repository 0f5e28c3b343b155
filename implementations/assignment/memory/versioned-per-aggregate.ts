import { defineImplementation } from "../../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { decide } from "../aggregates.js";
import { retryOnConflict } from "../../memory/retry.js";
import { aggregateTables } from "./aggregate-tables.js";

/**
 * Versioned aggregates, one per transaction: each save checks its own aggregate's version, and the
 * command retries on a conflict. But the member is saved before the container is checked, so a
 * conflict on the container leaves the member's half applied, and the retry then sees it.
 */
export const versionedPerAggregateAssignment = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>({
  family: "assignment",
  name: "versioned-per-aggregate",
  design: "versioned aggregates, one per transaction",
  backend: "memory",
  claim: "linearizable",
  create({ config }) {
    const { members, containers, snapshot } = aggregateTables(config);
    return {
      execute: (command) =>
        retryOnConflict(async () => {
          const { member: memberId, container: containerId } = command;
          const member = await members.load(memberId);
          const container = await containers.load(containerId);
          const decision = decide(command, member.value, container.value, config);
          if (decision.outcome !== "joined" && decision.outcome !== "left") return decision.outcome;
          if (!(await members.saveIfVersion(memberId, decision.member, member.version))) return "conflict";
          if (!(await containers.saveIfVersion(containerId, decision.container, container.version))) return "conflict";
          return decision.outcome;
        }),
      snapshot,
    };
  },
});
