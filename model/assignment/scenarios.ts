import type { Scenario } from "../../engine/reference-model.js";
import { type AssignmentState, assignmentModel } from "./model.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "./types.js";

export type AssignmentScenario = Scenario<AssignmentConfig, AssignmentState, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>;

export const groupMembership: AssignmentScenario = {
  name: "group-membership",
  summary: "a user joins a group: at most 2 groups per user, at most 2 users per group",
  model: assignmentModel,
  config: { memberLimit: 2, containerLimit: 2, nouns: { member: "user", container: "group" }, members: ["u1", "u2", "u3"], containers: ["g1", "g2", "g3"] },
};

export const cellAllocation: AssignmentScenario = {
  name: "cell-allocation",
  summary: "a detainee is allocated to a cell: one cell per detainee, 2 detainees per cell",
  model: assignmentModel,
  config: { memberLimit: 1, containerLimit: 2, nouns: { member: "detainee", container: "cell" }, members: ["d1", "d2", "d3"], containers: ["c1", "c2"] },
};

export const lampSocket: AssignmentScenario = {
  name: "lamp-socket",
  summary: "a lamp is connected to a socket: one socket per lamp, one lamp per socket",
  model: assignmentModel,
  config: { memberLimit: 1, containerLimit: 1, nouns: { member: "lamp", container: "socket" }, members: ["l1", "l2"], containers: ["s1", "s2"] },
};

const joins = (pairs: ReadonlyArray<readonly [member: string, container: string]>): ReadonlyArray<AssignmentCommand> =>
  pairs.map(([member, container]) => ({ _tag: "join" as const, member, container }));

/**
 * Limits above two, one join away: a limit checked with `>`, read from the other side, or fixed at
 * the catalogue's default of 2 answers one of these joins wrongly (or cannot even reach the start).
 * u1 and g1 are at their limits, u2 and g2 one short; m1…m8 and h1…h3 only fill them. The ids at
 * their limits come first because shrinking moves towards the first ids.
 */
export const clubMembership: AssignmentScenario = {
  name: "club-membership",
  summary: "a member joins a club: at most 3 clubs per member, at most 5 members per club, starting at and near both limits",
  model: assignmentModel,
  config: { memberLimit: 3, containerLimit: 5, nouns: { member: "member", container: "club" }, members: ["u1", "u2", "u3"], containers: ["g1", "g2", "g3"] },
  start: {
    summary: "g1 with 5 of 5 members, g2 with 4 of 5; u1 in 3 of 3 clubs, u2 in 2 of 3",
    commands: joins([
      ["m1", "g1"],
      ["m2", "g1"],
      ["m3", "g1"],
      ["m4", "g1"],
      ["u1", "g1"],
      ["m5", "g2"],
      ["m6", "g2"],
      ["m7", "g2"],
      ["m8", "g2"],
      ["u1", "h1"],
      ["u1", "h2"],
      ["u2", "h1"],
      ["u2", "h3"],
    ]),
  },
};

export const assignmentScenarios: ReadonlyArray<AssignmentScenario> = [groupMembership, cellAllocation, lampSocket, clubMembership];
