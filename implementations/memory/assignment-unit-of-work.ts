import { defineImplementation } from "../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";
import { decideJoin, decideLeave, emptyContainer, emptyMember, pairsOf } from "../assignment/aggregates.js";
import { retryOnConflict } from "./retry.js";
import { commitUnitOfWork, Table } from "./table.js";

/**
 * Versioned aggregates in one unit of work: both aggregates are committed together, and only if
 * neither changed since it was loaded; otherwise nothing is written and the command starts over.
 */
export const unitOfWorkAssignment = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>({
  family: "assignment",
  name: "unit-of-work",
  design: "versioned aggregates, one unit of work",
  backend: "memory",
  claim: "linearizable",
  create({ config }) {
    const members = new Table(config.nouns.member, emptyMember);
    const containers = new Table(config.nouns.container, emptyContainer);
    return {
      execute: ({ _tag, member: memberId, container: containerId }) =>
        retryOnConflict(async () => {
          const member = await members.load(memberId);
          const container = await containers.load(containerId);
          const decision =
            _tag === "join"
              ? decideJoin(memberId, member.value, containerId, container.value, config)
              : decideLeave(memberId, member.value, containerId, container.value);
          if (decision.outcome !== "joined" && decision.outcome !== "left") return decision.outcome;
          const committed = await commitUnitOfWork([
            members.write(memberId, decision.member, member.version),
            containers.write(containerId, decision.container, container.version),
          ]);
          return committed ? decision.outcome : "conflict";
        }),
      snapshot: () => pairsOf(members.entries(), containers.entries()),
    };
  },
});
