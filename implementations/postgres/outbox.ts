import type { Pool, PoolClient } from "pg";
import type { MessagePort } from "../../engine/eventual/port.js";
import type { TableDefinition } from "./table-definition.js";

/**
 * The transactional outbox on PostgreSQL, the counterpart of `implementations/memory/outbox.ts`:
 * a message or a request's final outcome is a row of `outbox`, inserted in the same transaction as
 * the aggregate it follows from, so it exists if and only if that transaction commits. A relay
 * moves committed rows to the harness's bus; consumers record the ids of the messages they handled
 * in `processed_messages`, in the same transaction as their effect, so a message delivered again
 * changes nothing.
 */

/** `topic` NULL: the row is a request's final outcome (`{ request, outcome }`), reported when relayed. */
export const outboxTables: ReadonlyArray<TableDefinition> = [
  { name: "outbox", ddl: "CREATE TABLE outbox (id bigserial PRIMARY KEY, topic text, payload jsonb NOT NULL)" },
  {
    name: "processed_messages",
    ddl: "CREATE TABLE processed_messages (consumer text NOT NULL, message text NOT NULL, PRIMARY KEY (consumer, message))",
  },
];

/** Restarts the outbox's ids with the run: they appear in statements, and a replay must send the same ones. */
export const restartOutbox = async (direct: Pool): Promise<void> => {
  await direct.query("TRUNCATE outbox, processed_messages RESTART IDENTITY");
};

/** The relay's participant and the topic that wakes it: PostgreSQL's NOTIFY, delivered once the writing transaction commits. */
export const RELAY = "relay";
const WAKE = "outbox-written";

/** What a handler's transaction writes besides its aggregate. */
export interface OutboxWriter<Outcome, Topics> {
  readonly client: PoolClient;
  /** An outbox row: published once this transaction commits and the relay has moved it. */
  readonly publish: <Topic extends keyof Topics & string>(topic: Topic, payload: Topics[Topic]) => Promise<void>;
  /** The request's final outcome, as an outbox row: reported once this transaction commits and the relay has moved it. */
  readonly settle: (request: string, outcome: Outcome) => Promise<void>;
}

/**
 * Runs one transaction (READ COMMITTED) that may write outbox rows. With `handled` (the consumer and
 * the message id), the id is recorded first: a second delivery of the message waits for the first
 * one's transaction on that row, then finds it and changes nothing (`"already handled"`). A
 * transaction that wrote outbox rows wakes the relay as it commits.
 */
export const inOutboxTransaction = async <T, Outcome, Topics>(
  pool: Pool,
  messages: MessagePort<Outcome, Topics>,
  handled: { readonly consumer: string; readonly message: string } | undefined,
  work: (writer: OutboxWriter<Outcome, Topics>) => Promise<T>,
): Promise<T | "already handled"> => {
  const client = await pool.connect();
  let written = 0;
  try {
    await client.query("BEGIN");
    try {
      if (handled !== undefined) {
        const { rowCount } = await client.query("INSERT INTO processed_messages VALUES ($1, $2) ON CONFLICT DO NOTHING", [handled.consumer, handled.message]);
        if (rowCount === 0) {
          await client.query("ROLLBACK");
          return "already handled";
        }
      }
      const insert = async (topic: string | null, payload: unknown) => {
        await client.query("INSERT INTO outbox (topic, payload) VALUES ($1, $2)", [topic, JSON.stringify(payload)]);
        written++;
      };
      const result = await work({
        client,
        publish: (topic, payload) => insert(topic, payload),
        settle: (request, outcome) => insert(null, { request, outcome }),
      });
      await client.query("COMMIT");
      // No await point between the COMMIT's answer and this: a crash cannot fall between them.
      if (written > 0) messages.publish(WAKE as never, {} as never);
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } finally {
    client.release();
  }
};

interface OutboxRow {
  readonly id: string;
  readonly topic: string | null;
  readonly payload: Record<string, unknown>;
}

/**
 * The relay: woken after each commit that wrote outbox rows, it locks the rows no other relay holds
 * (`FOR UPDATE SKIP LOCKED`, so two relays never wait for each other), deletes them and commits;
 * with its commit it hands them to the bus (messages) or reports them (final outcomes). A relay
 * that crashes before its commit loses its connection: the rows come back, and its wake-up is
 * delivered again.
 */
export const subscribeRelay = <Outcome, Topics>(pool: Pool, messages: MessagePort<Outcome, Topics>): void => {
  messages.subscribe(RELAY, {
    [WAKE]: async () => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const { rows } = await client.query<OutboxRow>("SELECT id, topic, payload FROM outbox ORDER BY id FOR UPDATE SKIP LOCKED");
        if (rows.length === 0) {
          await client.query("ROLLBACK");
          return;
        }
        await client.query("DELETE FROM outbox WHERE id = ANY($1)", [rows.map((row) => row.id)]);
        await client.query("COMMIT");
        // Handed over with the commit, as the memory outbox publishes with its unit of work.
        for (const row of rows) {
          if (row.topic === null) messages.settle(String(row.payload.request), row.payload.outcome as Outcome);
          else messages.publish(row.topic as keyof Topics & string, row.payload as Topics[keyof Topics & string]);
        }
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  } as never);
};

/**
 * The rows not relayed yet, in words, as a SQL expression (a JSON array of strings) for the design's
 * `inFlight`, to be read in the same statement as its aggregates: at rest there must be none.
 */
export const UNRELAYED = `(SELECT coalesce(json_agg(format('outbox row %s (%s) not relayed', id, coalesce(topic, 'final outcome of ' || (payload->>'request'))) ORDER BY id), '[]') FROM outbox)`;

/** One outbox row in a transaction of its own (a single INSERT): a request accepted, nothing else to change. */
export const publishAlone = async <Outcome, Topics, Topic extends keyof Topics & string>(
  pool: Pool,
  messages: MessagePort<Outcome, Topics>,
  topic: Topic,
  payload: Topics[Topic],
): Promise<void> => {
  await pool.query("INSERT INTO outbox (topic, payload) VALUES ($1, $2)", [topic, JSON.stringify(payload)]);
  messages.publish(WAKE as never, {} as never);
};
