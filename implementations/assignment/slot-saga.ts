import type { EventualSnapshot, MessagePort } from "../../engine/eventual/port.js";
import { step } from "../../engine/step.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";
import { retryOnConflict } from "../memory/retry.js";
import { outbox, settlement } from "../memory/outbox.js";
import { commitUnitOfWork, Table, type Write } from "../memory/table.js";

/**
 * The slot-reservation saga of the seeds, in memory: one aggregate per transaction, linked by
 * messages. A join reserves a slot on the container, then takes one on the member, then confirms
 * the slot or releases it; a leave frees the container's slot, then the member's. Each handler
 * loads one aggregate and commits it together with the messages it publishes (an outbox) and the
 * ids of the messages it handled, so that a message delivered again changes nothing.
 *
 * The designs of the catalogue are this saga with one of its safeguards taken out (see {@link SagaFlaw}).
 */

interface Pair {
  readonly request: string;
  readonly member: string;
  readonly container: string;
}

/** The messages of the saga, by topic. */
export interface SlotTopics {
  readonly "join-requested": Pair;
  readonly "slot-reserved": Pair;
  readonly "member-confirmed": Pair;
  readonly "member-refused": Pair & { readonly outcome: "already-joined" | "member-at-limit" };
  readonly "leave-requested": Pair;
  readonly "member-left": Pair;
}

/** A container's slots: members confirmed, and slots reserved for joins in flight. */
export interface ContainerSlots {
  readonly members: ReadonlyArray<string>;
  readonly reserved: ReadonlyArray<{ readonly member: string; readonly request: string }>;
}

/** A container: its slots, and the messages it has already handled. */
export interface SlotContainer extends ContainerSlots {
  readonly handled: ReadonlyArray<string>;
}

export interface SlotMember {
  readonly containers: ReadonlyArray<string>;
  readonly handled: ReadonlyArray<string>;
}

/**
 * The safeguard a flawed design lacks: `compensation` (a refused member leaves the container's slot
 * held), `idempotence` (the container reserves again for a message it already handled), `outbox`
 * (the slot is reserved, committed, and only then announced by a separate send), `checked-confirmation`
 * (the member confirms first and checks its limit afterwards, undoing the join if it is over).
 */
export type SagaFlaw = "none" | "compensation" | "idempotence" | "outbox" | "checked-confirmation";

type Messages = MessagePort<AssignmentOutcome, SlotTopics>;

/** Why the container refuses a member's join, if it does: the member is in or holds a slot, or every slot is taken. */
export const containerRefusal = (container: ContainerSlots, member: string, containerLimit: number): "already-joined" | "container-full" | undefined =>
  container.members.includes(member) || container.reserved.some((slot) => slot.member === member)
    ? "already-joined"
    : container.members.length + container.reserved.length >= containerLimit
      ? "container-full"
      : undefined;

/** Why the member refuses a reserved slot, if it does: it has joined that container already, or it is at its limit. */
export const memberRefusal = (joined: ReadonlyArray<string>, container: string, memberLimit: number): "already-joined" | "member-at-limit" | undefined =>
  joined.includes(container) ? "already-joined" : joined.length >= memberLimit ? "member-at-limit" : undefined;

/** The container without the slot held for a request. */
export const release = <Container extends ContainerSlots>(container: Container, request: string): Container => ({
  ...container,
  reserved: container.reserved.filter((slot) => slot.request !== request),
});

/** The saga's participants, subscribed to the port, and the instance the harness drives. */
export const slotSaga = (config: AssignmentConfig, messages: Messages, flaw: SagaFlaw) => {
  const containers = new Table<SlotContainer>(config.nouns.container, () => ({ members: [], reserved: [], handled: [] }));
  const members = new Table<SlotMember>(config.nouns.member, () => ({ containers: [], handled: [] }));

  /** Loads one container, decides, commits it with its messages; starts over on a version conflict. */
  const onContainer = (
    id: string,
    messageId: string,
    decide: (container: SlotContainer) => { readonly container: SlotContainer; readonly then: ReadonlyArray<Write> },
  ) =>
    retryOnConflict(async () => {
      const { value, version } = await containers.load(id);
      if (flaw !== "idempotence" && value.handled.includes(messageId)) return "done";
      const { container, then } = decide({ ...value, handled: [...value.handled, messageId] });
      return (await commitUnitOfWork([containers.write(id, container, version), ...then])) ? "done" : "conflict";
    });

  const onMember = (id: string, messageId: string, decide: (member: SlotMember) => { readonly member: SlotMember; readonly then: ReadonlyArray<Write> }) =>
    retryOnConflict(async () => {
      const { value, version } = await members.load(id);
      if (value.handled.includes(messageId)) return "done";
      const { member, then } = decide({ ...value, handled: [...value.handled, messageId] });
      return (await commitUnitOfWork([members.write(id, member, version), ...then])) ? "done" : "conflict";
    });

  messages.subscribe(config.nouns.container, {
    "join-requested": async ({ id, payload }) => {
      const { request, member, container: containerId } = payload;
      let reserved = false;
      await onContainer(containerId, id, (container) => {
        const refusal = containerRefusal(container, member, config.containerLimit);
        // Decided again after a version conflict: only the attempt that commits counts.
        reserved = refusal === undefined;
        if (refusal !== undefined) return { container, then: [settlement(messages, request, refusal)] };
        const held = { ...container, reserved: [...container.reserved, { member, request }] };
        return { container: held, then: flaw === "outbox" ? [] : [outbox(messages, "slot-reserved", payload)] };
      });
      // Not in the transaction: a crash here loses the announcement, and the handled id stops a retry.
      if (reserved && flaw === "outbox") await messages.send("slot-reserved", payload);
    },
    "member-confirmed": ({ id, payload }) =>
      onContainer(payload.container, id, (container) => ({
        container: { ...release(container, payload.request), members: [...container.members, payload.member] },
        then: [settlement(messages, payload.request, "joined")],
      })),
    "member-refused": ({ id, payload }) =>
      onContainer(payload.container, id, (container) => ({
        container: release(container, payload.request),
        then: [settlement(messages, payload.request, payload.outcome)],
      })),
    "leave-requested": ({ id, payload }) =>
      onContainer(payload.container, id, (container) =>
        container.members.includes(payload.member)
          ? {
              container: { ...container, members: container.members.filter((member) => member !== payload.member) },
              then: [outbox(messages, "member-left", payload)],
            }
          : { container, then: [settlement(messages, payload.request, "not-joined")] },
      ),
  });

  messages.subscribe(config.nouns.member, {
    "slot-reserved": async ({ id, payload }) => {
      const { request, container } = payload;
      if (flaw === "checked-confirmation") {
        // Confirmed first, checked later: for a moment the member may hold more than its limit.
        await onMember(payload.member, id, (member) => ({ member: { ...member, containers: [...member.containers, container] }, then: [] }));
        await onMember(payload.member, `${id} check`, (member) =>
          member.containers.length > config.memberLimit
            ? {
                member: { ...member, containers: member.containers.filter((joined) => joined !== container) },
                then: [outbox(messages, "member-refused", { ...payload, outcome: "member-at-limit" })],
              }
            : { member, then: [outbox(messages, "member-confirmed", payload)] },
        );
        return;
      }
      await onMember(payload.member, id, (member) => {
        const refusal = memberRefusal(member.containers, container, config.memberLimit);
        if (refusal === undefined)
          return { member: { ...member, containers: [...member.containers, container] }, then: [outbox(messages, "member-confirmed", payload)] };
        // Without compensation the member refuses and reports it, and nobody releases the container's slot.
        if (flaw === "compensation") return { member, then: [settlement(messages, request, refusal)] };
        return { member, then: [outbox(messages, "member-refused", { ...payload, outcome: refusal })] };
      });
    },
    "member-left": ({ id, payload }) =>
      onMember(payload.member, id, (member) => ({
        member: { ...member, containers: member.containers.filter((container) => container !== payload.container) },
        then: [settlement(messages, payload.request, "left")],
      })),
  });

  return {
    request: (command: AssignmentCommand, request: string) =>
      step(
        `accept ${request}`,
        () =>
          messages.publish(command._tag === "join" ? "join-requested" : "leave-requested", { request, member: command.member, container: command.container }),
        undefined,
        { writes: ["outbox"] },
      ),
    snapshot: (): EventualSnapshot<AssignmentSnapshot> => ({
      state: {
        memberSide: members.entries().flatMap(([memberId, member]) => member.containers.map((containerId) => [memberId, containerId] as const)),
        containerSide: containers.entries().flatMap(([containerId, container]) => container.members.map((memberId) => [memberId, containerId] as const)),
      },
      inFlight: containers
        .entries()
        .flatMap(([containerId, container]) =>
          container.reserved.map(
            ({ member, request }) => `slot on ${config.nouns.container} ${containerId} held for ${config.nouns.member} ${member} (${request})`,
          ),
        ),
    }),
  };
};
