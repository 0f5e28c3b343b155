import type { ClientBase, PoolClient, QueryResult, TransactionStatus } from "pg";
import { noteStatementFailure } from "../../engine/cost/meter.js";
import { accessRead, currentTask, step } from "../../engine/step.js";
import { DeclaredAccess, type SessionCatalog } from "./declared-access.js";
import { cannotRelease, type LockReleases } from "./lock-releases.js";
import { cannotCommit, type StateChanges } from "./state-changes.js";
import { DeadlockDetected, failedStatementText, isCommit, RolledBackCommit, resultText, sqlstateOf, statementLabel } from "./statement.js";

/** A statement sent by a task and not answered yet. */
export interface Flight {
  readonly task: string;
  readonly pid: number;
  readonly since: number;
  /** Position among all statements sent: the engine releases them one at a time, so this order is its. */
  readonly order: number;
  /** Set by the probe once it has reported the statement as waiting for a lock held by a task. */
  waited: boolean;
  /** Set by the probe when it cancels the statement to break a deadlock. */
  deadlockVictim: boolean;
  /** The tasks the probe found it waiting for, and the count of lock releases then (see LockReleases). */
  waitsFor?: { readonly version: number; readonly holders: ReadonlyArray<string> };
}

/** What the harness knows about one connection of the gated pool. */
export interface GatedClient {
  readonly pid: () => number;
  /** The task that sent the latest statement: it holds whatever locks the connection holds. */
  readonly task: () => string | undefined;
  readonly flight: () => Flight | undefined;
  /** Sends a statement past the gate and the bookkeeping: for the harness's own ROLLBACK. */
  readonly sendQuietly: (text: string) => Promise<unknown>;
  /** Called when the connection goes back to the pool. */
  readonly released: () => void;
}

const QUERY_CANCELED = "57014";

type Answer = { readonly result: QueryResult } | { readonly error: unknown };
type Send = (config: unknown, values?: unknown, callback?: unknown) => unknown;

let statementsSent = 0;

export const pidOf = (client: ClientBase): number => (client as unknown as { processID: number | null }).processID ?? 0;
export const transactionOpen = (status: TransactionStatus): boolean => status === "T" || status === "E";
const isSubmittable = (config: unknown): boolean => typeof (config as { submit?: unknown } | null)?.submit === "function";

/** What the driver (pg 8) keeps about the statements on one connection; not part of its typed API. */
interface DriverState {
  readonly readyForQuery: boolean;
  readonly _queryQueue: ReadonlyArray<unknown>;
  readonly connection: { once: (event: string, listener: () => void) => void; off: (event: string, listener: () => void) => void };
}
const driverState = (client: ClientBase): DriverState => client as unknown as DriverState;

/** Statements sent on the connection and not answered, or queued: while any, the transaction status is stale. */
const pending = (client: ClientBase): number => (driverState(client).readyForQuery ? 0 : 1) + driverState(client)._queryQueue.length;

/**
 * Resolves once the server has reported it is ready for the next statement (or the connection
 * ended). The driver rejects a failed statement as soon as the error arrives, before the server has
 * ended the failed transaction and released its locks; it says it is ready only after that.
 */
const readyAgain = (client: ClientBase): Promise<void> => {
  const state = driverState(client);
  if (state.readyForQuery) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ["readyForQuery", "end", "error"]) state.connection.off(event, done);
      resolve();
    };
    for (const event of ["readyForQuery", "end", "error"]) state.connection.once(event, done);
  });
};
const answerText = (answer: Answer): string => ("error" in answer ? failedStatementText(answer.error) : resultText(answer.result));
const unwrap = (answer: Answer): QueryResult => {
  if ("error" in answer) throw answer.error;
  return answer.result;
};

/**
 * Replaces `client.query` so that, inside a task, every statement parks at the engine's gate
 * before it is sent (the statement's own promise is never handed to the engine: a statement that
 * waits for a lock would hold every other task back). Promise and callback forms both work;
 * streaming queries (pg-cursor, pg-query-stream) pass ungated and count as part of the step before.
 */
export const gateClient = (client: PoolClient, changes: StateChanges, releases: LockReleases, catalog: SessionCatalog): GatedClient => {
  const send = client.query.bind(client) as Send;
  let task: string | undefined;
  let flight: Flight | undefined;
  /** The first SQLSTATE that failed the open transaction, reported again by a rolled-back COMMIT. */
  let failedWith: string | undefined;
  const declared = new DeclaredAccess((query) => Promise.resolve(send(query)), catalog);

  const sent = async (text: string, sendIt: () => Promise<QueryResult>): Promise<Answer> => {
    const before = client.getTransactionStatus();
    const changed = cannotCommit(text, before, pending(client)) ? undefined : changes.begin();
    const released = cannotRelease(text, before, pending(client)) ? undefined : releases.begin();
    try {
      const result = await sendIt();
      if (isCommit(text) && result.command === "ROLLBACK") return { error: new RolledBackCommit(failedWith) };
      return { result };
    } catch (caught) {
      // A failed statement aborts its transaction on the server at once, locks and all; only the
      // transaction block stays, waiting for its ROLLBACK.
      releases.happened();
      // The server reports an error before it ends the failed transaction and releases its locks: until
      // it says it is ready again the probe would still see this connection holding locks that are
      // about to go, and decide on a race.
      if (sqlstateOf(caught) !== undefined) await readyAgain(client);
      // The probe cancelled this statement to break a deadlock: it fails as the server's own detector would fail it.
      const error = flight?.deadlockVictim === true && sqlstateOf(caught) === QUERY_CANCELED ? new DeadlockDetected(flight.task) : caught;
      if (transactionOpen(before)) failedWith ??= sqlstateOf(error);
      noteStatementFailure(sqlstateOf(error));
      return { error };
    } finally {
      changed?.(true);
      released?.();
      if (client.getTransactionStatus() === "I") failedWith = undefined;
    }
  };

  const gated = async (name: string, label: string, text: string, sendIt: () => Promise<Answer>): Promise<QueryResult> => {
    let mine: Flight | undefined;
    // Working a statement's access out asks the catalog: only for a proof that reads it.
    const access = accessRead() ? await declared.of(text, client.getTransactionStatus(), pending(client) === 0) : undefined;
    const answer = await step(
      label,
      async () => {
        mine = flight = { task: name, pid: pidOf(client), since: performance.now(), order: ++statementsSent, waited: false, deadlockVictim: false };
        task = name;
        try {
          return await sendIt();
        } finally {
          flight = undefined;
        }
      },
      answerText,
      access,
    );
    // A statement that waited for a lock is answered after other tasks moved. Parking once more
    // lets the engine, not the order in which answers arrive, decide what happens next.
    if (mine?.waited === true) await step("↳ resumes after the wait", () => undefined);
    return unwrap(answer);
  };

  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    if (isSubmittable(config)) {
      changes.streamingQuerySent();
      releases.streamingQuerySent();
      return send(config, values, callback);
    }
    const done = typeof values === "function" ? values : callback;
    const parameters = typeof values === "function" ? undefined : values;
    const text = typeof config === "string" ? config : String((config as { text?: unknown }).text);
    const shown = (parameters ?? (config as { values?: unknown }).values) as ReadonlyArray<unknown> | undefined;
    const sendIt = () => sent(text, () => send(config, parameters) as Promise<QueryResult>);
    const name = currentTask();
    const answer = name === undefined ? sendIt().then(unwrap) : gated(name, statementLabel(text, shown), text, sendIt);
    if (typeof done !== "function") return answer;
    const reply = done as (error: unknown, result?: QueryResult) => void;
    void answer.then(
      (result) => reply(null, result),
      (error: unknown) => reply(error),
    );
    return undefined;
  }) as PoolClient["query"];

  return {
    pid: () => pidOf(client),
    task: () => task,
    flight: () => flight,
    sendQuietly: (text) => {
      const released = releases.begin();
      return Promise.resolve(send(text)).finally(released);
    },
    released: () => {
      failedWith = undefined;
    },
  };
};
