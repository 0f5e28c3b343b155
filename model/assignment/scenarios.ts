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

export const assignmentScenarios: ReadonlyArray<AssignmentScenario> = [groupMembership, cellAllocation, lampSocket];
