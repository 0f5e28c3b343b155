import { defineImplementation } from "../../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { decide } from "../aggregates.js";
import { retryOnConflict } from "../../memory/retry.js";
import { aggregateTables } from "./aggregate-tables.js";
import { commitUnitOfWork } from "../../memory/table.js";

const unitOfWork = (validateRefusals: boolean) =>
  defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>({
    family: "assignment",
    name: validateRefusals ? "unit-of-work" : "unit-of-work-unchecked-refusals",
    design: validateRefusals ? "versioned aggregates, one unit of work" : "versioned aggregates, one unit of work, refusals not validated",
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
            if (decision.outcome !== "joined" && decision.outcome !== "left") {
              if (!validateRefusals) return decision.outcome;
              // The two loads are two moments: a refusal decided on them must prove they still hold.
              const unchanged = await commitUnitOfWork([members.unchanged(memberId, member.version), containers.unchanged(containerId, container.version)]);
              return unchanged ? decision.outcome : "conflict";
            }
            const committed = await commitUnitOfWork([
              members.write(memberId, decision.member, member.version),
              containers.write(containerId, decision.container, container.version),
            ]);
            return committed ? decision.outcome : "conflict";
          }),
        snapshot,
      };
    },
  });

/**
 * Versioned aggregates in one unit of work: both aggregates are committed together, and only if
 * neither changed since it was loaded; otherwise nothing is written and the command starts over.
 * A refusal ("container-full") is checked the same way, because the member and the container were
 * loaded at different moments and may never have been true together.
 */
export const unitOfWorkAssignment = unitOfWork(true);

/**
 * The same, but a refusal is returned straight from the two loads. It never corrupts the stored
 * state, yet it can answer `member-at-limit` from a member read before a concurrent `leave` and a
 * container read after it: an answer no order of the commands explains (read skew).
 */
export const unitOfWorkUncheckedRefusals = unitOfWork(false);
