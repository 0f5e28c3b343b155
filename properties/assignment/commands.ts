import fc from "fast-check";
import { commandKinds } from "../../engine/random/command-kinds.js";
import type { AssignmentCommand, AssignmentConfig } from "../../model/assignment/types.js";

/**
 * Commands over the scenario's small id domain. Joins outnumber leaves three to one, because the
 * races live in joins; fast-check shrinks towards the first ids and towards `join`.
 */
export const assignmentCommands = (config: AssignmentConfig): fc.Arbitrary<AssignmentCommand> => {
  const member = fc.constantFrom(...config.members);
  const container = fc.constantFrom(...config.containers);
  return commandKinds<AssignmentCommand>(
    { weight: 3, arbitrary: fc.record({ _tag: fc.constant("join" as const), member, container }) },
    { weight: 1, arbitrary: fc.record({ _tag: fc.constant("leave" as const), member, container }) },
  );
};
