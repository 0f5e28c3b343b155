import { defineImplementation } from "../../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { decide, emptyContainer, emptyMember, pairsOf } from "../aggregates.js";
import { Table } from "../../memory/table.js";

/**
 * Naive check-then-act: load the member and the container, check the rules, save each. Nothing stops
 * another command from saving the same container between this command's load and its save, so the
 * later save silently overwrites the earlier one.
 */
export const naiveAssignment = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>({
  family: "assignment",
  name: "naive",
  design: "naive check-then-act",
  backend: "memory",
  claim: "linearizable",
  create({ config }) {
    const members = new Table(config.nouns.member, emptyMember);
    const containers = new Table(config.nouns.container, emptyContainer);
    return {
      async execute(command) {
        const { member: memberId, container: containerId } = command;
        const member = await members.load(memberId);
        const container = await containers.load(containerId);
        const decision = decide(command, member.value, container.value, config);
        if (decision.outcome !== "joined" && decision.outcome !== "left") return decision.outcome;
        await members.save(memberId, decision.member);
        await containers.save(containerId, decision.container);
        return decision.outcome;
      },
      snapshot: () => pairsOf(members.entries(), containers.entries()),
    };
  },
});
