import type { AssignmentCommand, AssignmentConfig } from "../../model/assignment/types.js";

/**
 * The proof domain of the assignment family: `join` and `leave` over the scenario's first two members
 * and first two containers (8 commands). Two of each is the least in which two commands can share a
 * member, a container, or neither. Joins come first, so an exhaustive search meets races early.
 * WARNING: a limit of 2 cannot be exceeded with two members (or two containers), so in
 * `group-membership` and for `cell-allocation`'s cells the proof covers the views and the outcomes,
 * not an overfull container.
 */
export const assignmentProofCommands = (config: AssignmentConfig): ReadonlyArray<AssignmentCommand> =>
  (["join", "leave"] as const).flatMap((_tag) => config.members.slice(0, 2).flatMap((member) => config.containers.slice(0, 2).map((container) => ({ _tag, member, container }))));
