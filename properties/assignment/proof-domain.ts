import type { AssignmentCommand, AssignmentConfig } from "../../model/assignment/types.js";

/** Enough members to overfill the first container and containers to overfill the first member, as far as the scenario has them. */
const star = (config: AssignmentConfig) => ({
  joiners: config.members.slice(0, config.containerLimit + 1),
  joined: config.containers.slice(0, config.memberLimit + 1),
});

/**
 * The proof domain of the assignment family, a star around the first member m1 and the first
 * container c1: joins of c1 by limit + 1 members (the container's limit, exceeded by one), joins by
 * m1 of limit + 1 containers (the member's), a join of m2 to c2 that shares nothing with m1 and c1,
 * and the leaves of m1 and m2 from c1. Group-membership and club-membership:
 * 8 commands; cell-allocation 7; lamp-socket 6. Joins come first, so an exhaustive search meets races early.
 */
export const assignmentProofCommands = (config: AssignmentConfig): ReadonlyArray<AssignmentCommand> => {
  const { joiners, joined } = star(config);
  const [m1, m2] = config.members;
  const [c1, c2] = config.containers;
  if (m1 === undefined || m2 === undefined || c1 === undefined || c2 === undefined)
    throw new Error("the assignment proof domain needs two members and two containers");
  const pairs: Array<readonly [string, string]> = [
    ...joiners.map((member) => [member, c1] as const),
    ...joined.slice(1).map((container) => [m1, container] as const),
  ];
  if (!pairs.some(([member, container]) => member === m2 && container === c2)) pairs.push([m2, c2]);
  return [
    ...pairs.map(([member, container]) => ({ _tag: "join" as const, member, container })),
    { _tag: "leave", member: m1, container: c1 },
    { _tag: "leave", member: m2, container: c1 },
  ];
};

/**
 * What an assignment proof leaves out, for the verdict line. Every built-in scenario reaches limit + 1
 * on both sides with these ids (club-membership through its starting state, which fills g1 and u1).
 */
export const assignmentProofGaps = ({ nouns }: AssignmentConfig): string =>
  `other ${nouns.member}–${nouns.container} pairs, leaves other than from the first ${nouns.container}`;
