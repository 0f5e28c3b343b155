import type { PoolClient } from "pg";
import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineEventualImplementation, type EventualInstance, type MessagePort } from "../../../engine/eventual/port.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { inOutboxTransaction, type OutboxWriter, outboxTables, publishAlone, restartOutbox, subscribeRelay, UNRELAYED } from "../../postgres/outbox.js";
import { resetTables, type TableDefinition } from "../../postgres/table-definition.js";
import { type ContainerSlots, containerRefusal, memberRefusal, release, type SagaFlaw, type SlotTopics } from "../slot-saga.js";

/**
 * The slot-reservation saga of the seeds on PostgreSQL (see `../slot-saga.ts` for the memory one,
 * whose messages and flaws it shares): every handler changes one aggregate row, locked with
 * `FOR UPDATE`, in a transaction that also inserts the messages it publishes into the outbox and
 * records the message it handled; the relay moves committed outbox rows to the bus.
 */

const sagaTables: ReadonlyArray<TableDefinition> = [
  ...outboxTables,
  {
    name: "saga_containers",
    ddl: "CREATE TABLE saga_containers (id text PRIMARY KEY, members text[] NOT NULL DEFAULT '{}', reserved jsonb NOT NULL DEFAULT '[]')",
  },
  { name: "saga_members", ddl: "CREATE TABLE saga_members (id text PRIMARY KEY, containers text[] NOT NULL DEFAULT '{}')" },
];

type Messages = MessagePort<AssignmentOutcome, SlotTopics>;
type Writer = OutboxWriter<AssignmentOutcome, SlotTopics>;
/** What a handler writes besides its aggregate: outbox rows, in its transaction. */
type Then = ReadonlyArray<(writer: Writer) => Promise<void>>;

const loadContainer = async (client: PoolClient, id: string): Promise<ContainerSlots> => {
  const { rows } = await client.query<ContainerSlots>("SELECT members, reserved FROM saga_containers WHERE id = $1 FOR UPDATE", [id]);
  return rows[0] ?? { members: [], reserved: [] };
};

const loadMember = async (client: PoolClient, id: string): Promise<ReadonlyArray<string>> => {
  const { rows } = await client.query<{ containers: string[] }>("SELECT containers FROM saga_members WHERE id = $1 FOR UPDATE", [id]);
  return rows[0]?.containers ?? [];
};

/** The saga's participants, subscribed to the port, and the instance the harness drives. */
export const slotSagaOnPostgres = async (
  config: AssignmentConfig,
  messages: Messages,
  { pool, direct }: PostgresEnvironment,
  flaw: SagaFlaw,
): Promise<EventualInstance<AssignmentCommand, AssignmentSnapshot>> => {
  await resetTables(direct, sagaTables);
  await restartOutbox(direct);
  // Every aggregate has its row from the start, so that a handler always has a row to lock.
  await direct.query("INSERT INTO saga_containers (id) SELECT unnest($1::text[])", [config.containers]);
  await direct.query("INSERT INTO saga_members (id) SELECT unnest($1::text[])", [config.members]);
  const { container: containerNoun, member: memberNoun } = config.nouns;
  subscribeRelay(pool, messages);

  /** Locks one container, decides, saves it with its outbox rows and (unless the flaw) the message id, in one transaction. */
  const onContainer = (id: string, message: string, decide: (container: ContainerSlots) => { readonly container: ContainerSlots; readonly then: Then }) =>
    inOutboxTransaction(pool, messages, flaw === "idempotence" ? undefined : { consumer: containerNoun, message }, async (writer) => {
      const { container, then } = decide(await loadContainer(writer.client, id));
      await writer.client.query("UPDATE saga_containers SET members = $2, reserved = $3 WHERE id = $1", [
        id,
        container.members,
        JSON.stringify(container.reserved),
      ]);
      for (const write of then) await write(writer);
    });

  const onMember = (
    id: string,
    message: string,
    decide: (containers: ReadonlyArray<string>) => { readonly containers: ReadonlyArray<string>; readonly then: Then },
  ) =>
    inOutboxTransaction(pool, messages, { consumer: memberNoun, message }, async (writer) => {
      const { containers, then } = decide(await loadMember(writer.client, id));
      await writer.client.query("UPDATE saga_members SET containers = $2 WHERE id = $1", [id, containers]);
      for (const write of then) await write(writer);
    });

  messages.subscribe(containerNoun, {
    "join-requested": async ({ id, payload }) => {
      const { request, member } = payload;
      let reserved = false;
      const done = await onContainer(payload.container, id, (container) => {
        const refusal = containerRefusal(container, member, config.containerLimit);
        reserved = refusal === undefined;
        if (refusal !== undefined) return { container, then: [(writer) => writer.settle(request, refusal)] };
        const held = { ...container, reserved: [...container.reserved, { member, request }] };
        return { container: held, then: flaw === "outbox" ? [] : [(writer) => writer.publish("slot-reserved", payload)] };
      });
      // Not in the transaction: a crash here loses the announcement, and the recorded message id stops a retry.
      if (done !== "already handled" && reserved && flaw === "outbox") await messages.send("slot-reserved", payload);
    },
    "member-confirmed": ({ id, payload }) =>
      onContainer(payload.container, id, (container) => ({
        container: { ...release(container, payload.request), members: [...container.members, payload.member] },
        then: [(writer) => writer.settle(payload.request, "joined")],
      })),
    "member-refused": ({ id, payload }) =>
      onContainer(payload.container, id, (container) => ({
        container: release(container, payload.request),
        then: [(writer) => writer.settle(payload.request, payload.outcome)],
      })),
    "leave-requested": ({ id, payload }) =>
      onContainer(payload.container, id, (container) =>
        container.members.includes(payload.member)
          ? {
              container: { ...container, members: container.members.filter((member) => member !== payload.member) },
              then: [(writer) => writer.publish("member-left", payload)],
            }
          : { container, then: [(writer) => writer.settle(payload.request, "not-joined")] },
      ),
  });

  messages.subscribe(memberNoun, {
    "slot-reserved": async ({ id, payload }) => {
      const { request, container } = payload;
      if (flaw === "checked-confirmation") {
        // Confirmed first, checked later: between the two commits the member may hold more than its limit.
        await onMember(payload.member, id, (containers) => ({ containers: [...containers, container], then: [] }));
        await onMember(payload.member, `${id} check`, (containers) =>
          containers.length > config.memberLimit
            ? {
                containers: containers.filter((joined) => joined !== container),
                then: [(writer) => writer.publish("member-refused", { ...payload, outcome: "member-at-limit" })],
              }
            : { containers, then: [(writer) => writer.publish("member-confirmed", payload)] },
        );
        return;
      }
      await onMember(payload.member, id, (containers) => {
        const refusal = memberRefusal(containers, container, config.memberLimit);
        if (refusal === undefined) return { containers: [...containers, container], then: [(writer) => writer.publish("member-confirmed", payload)] };
        // Without compensation the member reports the refusal, and nobody releases the container's slot.
        if (flaw === "compensation") return { containers, then: [(writer) => writer.settle(request, refusal)] };
        return { containers, then: [(writer) => writer.publish("member-refused", { ...payload, outcome: refusal })] };
      });
    },
    "member-left": ({ id, payload }) =>
      onMember(payload.member, id, (containers) => ({
        containers: containers.filter((container) => container !== payload.container),
        then: [(writer) => writer.settle(payload.request, "left")],
      })),
  });

  return {
    request: (command, request) =>
      publishAlone(pool, messages, command._tag === "join" ? "join-requested" : "leave-requested", {
        request,
        member: command.member,
        container: command.container,
      }),
    snapshot: async () => {
      const { rows } = await direct.query<{
        member_side: Array<[string, string]>;
        container_side: Array<[string, string]>;
        held: string[];
        unrelayed: string[];
      }>(
        `
        SELECT
          (SELECT coalesce(json_agg(json_build_array(id, c) ORDER BY id, c), '[]') FROM saga_members, unnest(containers) AS c) AS member_side,
          (SELECT coalesce(json_agg(json_build_array(m, id) ORDER BY id, m), '[]') FROM saga_containers, unnest(members) AS m) AS container_side,
          (SELECT coalesce(json_agg(format('slot on %s %s held for %s %s (%s)', $1::text, id, $2::text, slot->>'member', slot->>'request') ORDER BY id), '[]')
             FROM saga_containers, jsonb_array_elements(reserved) AS slot) AS held,
          ${UNRELAYED} AS unrelayed`,
        [containerNoun, memberNoun],
      );
      const row = rows[0];
      return {
        state: { memberSide: row?.member_side ?? [], containerSide: row?.container_side ?? [] },
        inFlight: [...(row?.held ?? []), ...(row?.unrelayed ?? [])],
      };
    },
  };
};

/** One design of the catalogue on PostgreSQL: this saga with the safeguard `flaw` names taken out (`none`: all of it). */
export const slotSagaDesignOnPostgres = ({ name, design, flaw }: { readonly name: string; readonly design: string; readonly flaw: SagaFlaw }) =>
  defineEventualImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, SlotTopics, PostgresEnvironment>({
    family: "assignment",
    name,
    design,
    backend: "postgres",
    keeps: ["container capacity", "member limit"],
    create: ({ config, messages, pool, direct }) => slotSagaOnPostgres(config, messages, { pool, direct }, flaw),
  });
