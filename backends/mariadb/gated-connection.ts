import type { EventEmitter } from "node:events";
import type { PoolConnection } from "mysql2";
import { currentTask, step } from "../../engine/step.js";
import { errnoOf, errorName, errorText, resultText, ROLLS_BACK_TRANSACTION, statementLabel, transactionEffect } from "./statement.js";

/** A statement sent by a task and not answered yet. */
export interface Flight {
  readonly task: string;
  readonly threadId: number;
  readonly since: number;
  /** Set by the probe once it has reported the statement as waiting for a lock held by a task. */
  waited: boolean;
}

/** What the harness knows about one connection of the gated pool. */
export interface GatedConnection {
  /** The server's CONNECTION_ID() of this connection. */
  readonly threadId: () => number;
  /** The task that sent the latest statement: it holds whatever locks the connection holds. */
  readonly task: () => string | undefined;
  readonly flight: () => Flight | undefined;
}

/** The parts of a mysql2 command (Query, Execute, …) that the gate reads or wraps. */
interface Command extends EventEmitter {
  sql?: string;
  query?: string;
  parameters?: ReadonlyArray<unknown>;
  onResult?: (error: unknown, ...rest: unknown[]) => void;
}

/** A command's answer, held back from its caller until the engine lets the task go on. */
interface Answer {
  readonly error: unknown;
  readonly result: unknown;
  /** Hands the answer to the caller (its callback or promise). */
  readonly deliver: () => void;
}

const STATEMENTS = new Set(["Query", "Execute"]);
const textOf = (command: Command): string => command.sql ?? command.query ?? "";

/**
 * Replaces the connection's `addCommand`, the one door every statement of mysql2 passes (query,
 * execute, the promise wrapper, pool-level calls, ORMs on top): inside a task, a Query or Execute
 * parks at the engine's gate before it is queued, and its answer reaches the caller only after the
 * step is recorded. `query()` still returns its command at once (streams and ORMs use it), and one
 * connection's commands still go out in the order they were issued.
 *
 * Also tracks the transaction as the server sees it: after 1213 or 1020 InnoDB has rolled the whole
 * transaction back and runs the session's next statements in autocommit, which the timeline flags.
 */
export const gateConnection = (connection: PoolConnection, onRelease: () => void): GatedConnection => {
  const raw = connection as unknown as { addCommand: (command: Command) => Command };
  const add = raw.addCommand.bind(connection);
  /** Commands held at the gate, in order: later commands of the connection queue behind them. */
  let queue: Promise<void> = Promise.resolve();
  let held = 0;
  let task: string | undefined;
  let flight: Flight | undefined;
  let open = false;
  /** The error that rolled back the transaction, until the session begins or ends one again. */
  let rolledBackBy: number | undefined;

  const bookkeep = (text: string, error: unknown): void => {
    const effect = transactionEffect(text);
    if (effect !== undefined) {
      open = effect === "begin" && error == null;
      rolledBackBy = undefined;
      return;
    }
    const errno = errnoOf(error);
    if (open && errno !== undefined && ROLLS_BACK_TRANSACTION.has(errno)) {
      open = false;
      rolledBackBy = errno;
    }
  };

  /** Queues the command and settles with its answer, which `deliver` passes on to the caller. */
  const send = (command: Command): Promise<Answer> =>
    new Promise((resolve) => {
      const text = textOf(command);
      const original = command.onResult;
      let settled = false;
      const settle = (answer: Answer): void => {
        if (settled) return;
        settled = true;
        bookkeep(text, answer.error);
        resolve(answer);
      };
      if (original !== undefined) {
        command.onResult = (error: unknown, ...rest: unknown[]) => settle({ error, result: rest[0], deliver: () => original(error, ...rest) });
      }
      // In event mode (streams) rows and errors reach the caller as they come; listening for
      // 'error' here would swallow an error the caller does not listen for.
      // A success is called back on the next tick after `end`; an Execute whose Prepare failed never is.
      command.once("end", () => process.nextTick(() => settle({ error: undefined, result: undefined, deliver: () => undefined })));
      add(command);
    });

  const gated = async (name: string, command: Command): Promise<void> => {
    const text = textOf(command);
    const flagged = rolledBackBy;
    const describe = (answer: Answer): string => {
      const shown = answer.error == null ? resultText(text, answer.result) : errorText(answer.error);
      return flagged === undefined ? shown : `${shown} ⚠ autocommit: ${errorName(flagged)} rolled the transaction back`;
    };
    let mine: Flight | undefined;
    const answer = await step(
      statementLabel(text, command.parameters),
      async () => {
        mine = flight = { task: name, threadId: connection.threadId, since: performance.now(), waited: false };
        task = name;
        try {
          return await send(command);
        } finally {
          flight = undefined;
        }
      },
      describe,
    );
    // A statement that waited for a lock is answered after other tasks moved. Parking once more
    // lets the engine, not the order in which answers arrive, decide what happens next.
    if (mine?.waited === true) await step("↳ resumes after the wait", () => undefined);
    answer.deliver();
  };

  /** A release asked for while the gate still held an answer: done once the gate is empty. */
  let releaseWhenDrained: (() => void) | undefined;

  const enqueue = (work: () => Promise<void>): void => {
    held++;
    queue = queue.then(work).finally(() => {
      if (--held === 0) releaseWhenDrained?.();
    });
  };

  raw.addCommand = (command: Command): Command => {
    const name = currentTask();
    const statement = STATEMENTS.has(command.constructor.name);
    if (statement && name !== undefined) enqueue(() => gated(name, command));
    else if (statement) {
      if (held === 0) void send(command).then((answer) => answer.deliver());
      else enqueue(() => send(command).then((answer) => answer.deliver()));
    } else if (held === 0) add(command);
    else enqueue(async () => void add(command));
    return command;
  };

  // The pool hands a released connection straight to a waiting caller without a `release` event,
  // so the ROLLBACK of a forgotten transaction is queued here, ahead of the next borrower's work.
  //
  // mysql2's pool-level `query` and `execute` release the connection when the server answers
  // ('end'), before the gate hands the answer to its task, and a statement that waited for a lock
  // parks once more first. Lent out then, the connection would queue the next borrower's statements
  // behind a task the engine may not resume until that borrower parks: a run that hangs or not
  // depending on which answer arrived last. So the connection goes back to the pool only once its
  // gate holds nothing, when its task has taken every answer.
  const release = connection.release.bind(connection);
  const handBack = (): void => {
    releaseWhenDrained = undefined;
    onRelease();
    release();
  };
  connection.release = () => {
    if (open) {
      const rollback = quietRollback(connection);
      if (held === 0) void send(rollback);
      else enqueue(() => send(rollback).then(() => undefined));
    }
    rolledBackBy = undefined;
    if (held === 0) handBack();
    else releaseWhenDrained = handBack;
  };

  return { threadId: () => connection.threadId, task: () => task, flight: () => flight };
};

/** A ROLLBACK command built by the driver itself but never handed to `addCommand`. */
const quietRollback = (connection: PoolConnection): Command => {
  const create = (connection.constructor as unknown as { createQuery: (sql: string, values: unknown, callback: unknown, config: unknown) => Command })
    .createQuery;
  return create("ROLLBACK", [], () => undefined, (connection as unknown as { config: unknown }).config);
};
