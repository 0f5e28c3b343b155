import { defineImplementation } from "../../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { decide } from "../aggregates.js";
import { type AggregateTables, aggregateTables } from "./aggregate-tables.js";

/**
 * Load the member and the container, check the rules, save each. Nothing stops another command from
 * saving the same container between this command's load and its save, so the later save silently
 * overwrites the earlier one.
 */
export const checkThenAct = async (
  { members, containers }: AggregateTables,
  config: AssignmentConfig,
  command: AssignmentCommand,
): Promise<AssignmentOutcome> => {
  const { member: memberId, container: containerId } = command;
  const member = await members.load(memberId);
  const container = await containers.load(containerId);
  const decision = decide(command, member.value, container.value, config);
  if (decision.outcome !== "joined" && decision.outcome !== "left") return decision.outcome;
  await members.save(memberId, decision.member);
  await containers.save(containerId, decision.container);
  return decision.outcome;
};

/** Naive check-then-act: {@link checkThenAct}, with nothing around it. */
export const naiveAssignment = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>({
  family: "assignment",
  name: "naive",
  design: "naive check-then-act",
  backend: "memory",
  claim: "linearizable",
  create({ config }) {
    const tables = aggregateTables(config);
    return { execute: (command) => checkThenAct(tables, config, command), snapshot: tables.snapshot };
  },
});
