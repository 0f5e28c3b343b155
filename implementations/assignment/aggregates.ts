import type { AssignmentCommand, AssignmentConfig, JoinOutcome, LeaveOutcome } from "../../model/assignment/types.js";

/**
 * The aggregates of the assignment seed, as an application would write them: a Member (user,
 * detainee, lamp) knows its containers, a Container (group, cell, socket) knows its members. Each
 * design below decides with these and differs only in how it loads and saves them.
 */
export interface Member {
  readonly containers: ReadonlyArray<string>;
}
export interface Container {
  readonly members: ReadonlyArray<string>;
}

export const emptyMember = (): Member => ({ containers: [] });
export const emptyContainer = (): Container => ({ members: [] });

export type JoinDecision =
  { readonly outcome: Exclude<JoinOutcome, "joined"> } | { readonly outcome: "joined"; readonly member: Member; readonly container: Container };

/** The domain service that checks both aggregates' rules, in the order the outcomes take precedence. */
export const decideJoin = (memberId: string, member: Member, containerId: string, container: Container, config: AssignmentConfig): JoinDecision => {
  if (container.members.includes(memberId)) return { outcome: "already-joined" };
  if (container.members.length >= config.containerLimit) return { outcome: "container-full" };
  if (member.containers.length >= config.memberLimit) return { outcome: "member-at-limit" };
  return {
    outcome: "joined",
    member: { containers: [...member.containers, containerId] },
    container: { members: [...container.members, memberId] },
  };
};

export type LeaveDecision =
  { readonly outcome: Exclude<LeaveOutcome, "left"> } | { readonly outcome: "left"; readonly member: Member; readonly container: Container };

export const decideLeave = (memberId: string, member: Member, containerId: string, container: Container): LeaveDecision =>
  container.members.includes(memberId)
    ? {
        outcome: "left",
        member: { containers: member.containers.filter((id) => id !== containerId) },
        container: { members: container.members.filter((id) => id !== memberId) },
      }
    : { outcome: "not-joined" };

/** The domain service's answer to one command, given both aggregates as loaded. */
export const decide = (
  { _tag, member: memberId, container: containerId }: AssignmentCommand,
  member: Member,
  container: Container,
  config: AssignmentConfig,
): JoinDecision | LeaveDecision =>
  _tag === "join" ? decideJoin(memberId, member, containerId, container, config) : decideLeave(memberId, member, containerId, container);

/** Both views as pairs, the way the harness reads them. */
export const pairsOf = (members: ReadonlyArray<readonly [string, Member]>, containers: ReadonlyArray<readonly [string, Container]>) => ({
  memberSide: members.flatMap(([memberId, member]) => member.containers.map((containerId) => [memberId, containerId] as const)),
  containerSide: containers.flatMap(([containerId, container]) => container.members.map((memberId) => [memberId, containerId] as const)),
});
