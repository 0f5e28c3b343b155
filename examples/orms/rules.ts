import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome } from "../../index.js";

/** One stored membership: `member` is in group `container`. */
export interface Membership {
  readonly member: string;
  readonly container: string;
}

/**
 * The team's rule for one command, given every membership of its user and of its group as read:
 * no user twice in a group, at most `containerLimit` users per group, at most `memberLimit` groups
 * per user. The designs around it differ only in how they read and write, and that is what decides
 * whether the rule still holds when commands run side by side.
 */
export const decide = ({ _tag, member, container }: AssignmentCommand, read: ReadonlyArray<Membership>, config: AssignmentConfig): AssignmentOutcome => {
  const joined = read.some((row) => row.member === member && row.container === container);
  if (_tag === "leave") return joined ? "left" : "not-joined";
  if (joined) return "already-joined";
  if (read.filter((row) => row.container === container).length >= config.containerLimit) return "container-full";
  if (read.filter((row) => row.member === member).length >= config.memberLimit) return "member-at-limit";
  return "joined";
};

/** Both sides of the snapshot from one list of memberships. */
export const pairsOf = (rows: ReadonlyArray<Membership>) => {
  const pairs = rows.map((row) => [row.member, row.container] as const);
  return { memberSide: pairs, containerSide: pairs };
};
