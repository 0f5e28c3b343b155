import type fc from "fast-check";
import { AssignmentCommand, type AssignmentConfig } from "../../model/assignment/types.js";
import { commandsFromSchema } from "../commands-from-schema.js";

/**
 * Commands over the scenario's small id domain. Joins outnumber leaves three to one, because the
 * races live in joins; fast-check shrinks towards the first ids and towards `join`.
 */
export const assignmentCommands = (config: AssignmentConfig): fc.Arbitrary<AssignmentCommand> =>
  commandsFromSchema(AssignmentCommand, { member: config.members, container: config.containers }, { weights: { join: 3 } });
