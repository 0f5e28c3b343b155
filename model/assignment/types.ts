import { Schema } from "effect";
import type { Implementation } from "../../engine/implementation.js";

/**
 * Family A: assignment with limits on both sides (a user joins a group, a detainee is allocated to a
 * cell, a lamp is connected to a socket). These types are shared with implementations; the rules
 * live in `model.ts`, which implementations never import.
 */

export const Join = Schema.TaggedStruct("join", { member: Schema.String, container: Schema.String });
export const Leave = Schema.TaggedStruct("leave", { member: Schema.String, container: Schema.String });
export const AssignmentCommand = Schema.Union([Join, Leave]);
export type AssignmentCommand = typeof AssignmentCommand.Type;

/** Listed in order of precedence: when several failures apply, the first one listed wins. */
export const JoinOutcome = Schema.Literals(["joined", "already-joined", "container-full", "member-at-limit"]);
export const LeaveOutcome = Schema.Literals(["left", "not-joined"]);
export type JoinOutcome = typeof JoinOutcome.Type;
export type LeaveOutcome = typeof LeaveOutcome.Type;
export type AssignmentOutcome = JoinOutcome | LeaveOutcome;

const Pair = Schema.Tuple([Schema.String, Schema.String]);

/**
 * What an implementation stores, as pairs `[member, container]`: once as each member records its
 * containers and once as each container records its members. A design that keeps one list reports
 * it on both sides.
 */
export const AssignmentSnapshot = Schema.Struct({ memberSide: Schema.Array(Pair), containerSide: Schema.Array(Pair) });
export type AssignmentSnapshot = typeof AssignmentSnapshot.Type;

export interface AssignmentConfig {
  /** How many containers one member may be in. */
  readonly memberLimit: number;
  /** How many members one container may hold. */
  readonly containerLimit: number;
  /** The domain's words, used in timelines: `{ member: "lamp", container: "socket" }`. */
  readonly nouns: { readonly member: string; readonly container: string };
  /** The ids that generated commands use. */
  readonly members: ReadonlyArray<string>;
  readonly containers: ReadonlyArray<string>;
}

export type AssignmentImplementation = Implementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>;
