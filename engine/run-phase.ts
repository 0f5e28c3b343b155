import { Result, type Schema } from "effect";
import { decoderOf } from "./decoder.js";
import { isPromiseLike } from "./maybe-promise.js";
import type { BlockingProbe } from "./backend.js";
import { blame, TaskFault } from "./blame.js";
import type { Failure } from "./failure.js";
import type { History } from "./history.js";
import type { Instance } from "./implementation.js";
import { oneLine } from "./one-line.js";
import type { DecisionSource, TaskPosition } from "./schedule/decision-source.js";
import { type Access, runControlled, show } from "./step.js";
import { ControlledTask, type Deadline, DeadlineExceeded, Signal } from "./tasks.js";
import { Fairness } from "./locks/fairness.js";
import { runWithLocks } from "./locks/lock.js";
import type { RunLocks } from "./locks/run-locks.js";
import { settle, UnseenWait, waitForChange } from "./locks/settle.js";
import { StallWatch } from "./locks/stall.js";

/** What the phases of one run tally for its report. */
export interface RunCounters {
  decisions: number;
  preemptions: number;
  /** Wall-clock time spent asking the probe whether running tasks wait for locks. */
  probeMs: number;
}

/** Everything a phase of a run works with: the live instance, its history, the clock and the schedule. */
export interface PhaseContext<Command, Outcome> {
  readonly describe: (command: Command) => string;
  readonly outcomeOf: (command: Command) => Schema.Decoder<Outcome>;
  readonly instance: Instance<Command, Outcome, unknown>;
  readonly history: History<Command, Outcome>;
  readonly deadline: Deadline;
  readonly source: DecisionSource;
  readonly probe: BlockingProbe | undefined;
  readonly counters: RunCounters;
  /** The run's harness locks: they outlive a phase, so a lock the prefix never released stays held. */
  readonly locks: RunLocks;
  /** Reads the stored state and checks the invariants that must hold even mid-command. */
  readonly checkAlways: () => Failure | undefined | Promise<Failure | undefined>;
}

/**
 * Runs the branches as concurrent tasks, releasing one parked task at a time, until all are done.
 * A task parked before a harness lock another task holds is blocked: it is not offered to the
 * decision source. Returns the first failure: a task's fault, an `always` invariant broken at a
 * decision (unless `watchInvariants` is off), a deadlock, a wait the harness cannot see, or a hang.
 */
export const runPhase = async <Command, Outcome>(
  context: PhaseContext<Command, Outcome>,
  branches: ReadonlyArray<ReadonlyArray<Command>>,
  name: (index: number) => string,
  watchInvariants = true,
): Promise<Failure | undefined> => {
  const { history, source, counters, locks, deadline } = context;
  const changed = new Signal();
  const watch = new StallWatch();
  const tasks = branches.map((_commands, index) => new ControlledTask(name(index), changed));
  let fault: Failure | undefined;
  tasks.forEach((task, index) => {
    const host = {
      task: task.name,
      arrive: (label: string, access?: Access) => task.park(label, access),
      readsAccess: source.readsAccess === true,
      record: (_label: string, result: string) => history.result(task.name, result),
    };
    runControlled(host, () => runWithLocks(locks, task.name, () => runBranch(context, task, branches[index] ?? []))).then(
      () => task.finish(),
      (error: unknown) => {
        fault ??= blame(error, { task: task.name, command: task.command });
        task.finish();
      },
    );
  });
  const fairness = new Fairness();
  /** Whose locks each blocked task waited for, shown on the step that finally takes the lock. */
  const waitedFor = new Map<number, Set<string>>();
  let last: number | undefined;
  // A step that declared it only reads cannot have broken an invariant: skip the snapshot after it.
  let readOnly = false;
  try {
    for (;;) {
      await settle(context, tasks, changed, watch);
      if (fault !== undefined) return fault;
      if (tasks.every((task) => task.state === "done")) return undefined;
      deadline.check();
      const check = readOnly || !watchInvariants ? undefined : context.checkAlways();
      const violated = isPromiseLike(check) ? await check : check;
      if (violated !== undefined) return violated;
      const parked = tasks.flatMap((task, index) => (task.state === "parked" ? [index] : []));
      const enabled = parked.filter((index) => {
        const wait = locks.blocked((tasks[index] as ControlledTask).name);
        if (wait !== undefined) waitedFor.set(index, (waitedFor.get(index) ?? new Set()).add(wait.heldBy));
        return wait === undefined;
      });
      if (enabled.length === 0) {
        if (tasks.every((task) => task.state !== "running")) return deadlock(locks, tasks, parked);
        await waitForChange(context, changed);
        continue;
      }
      const offered = fairness.offer(enabled, (index) => (tasks[index] as ControlledTask).label);
      let chosen = offered[0] as number;
      if (offered.length > 1) {
        counters.decisions++;
        const pick = source.next(offered, last, positionsOf(tasks));
        chosen = offered.includes(pick) ? pick : chosen;
      } else if (tasks.length > 1) source.forced?.(chosen, positionOf(tasks[chosen] as ControlledTask));
      const preempted = last !== undefined && last !== chosen && offered.includes(last);
      if (preempted) counters.preemptions++;
      const task = tasks[chosen] as ControlledTask;
      history.step(task.name, task.label, preempted);
      const holders = waitedFor.get(chosen);
      if (holders !== undefined) history.waited(task.name, [...holders]);
      waitedFor.delete(chosen);
      fairness.took(chosen, task.label, enabled.length > 1);
      last = chosen;
      readOnly = task.access !== undefined && (task.access.writes ?? []).length === 0;
      task.release();
    }
  } catch (error) {
    if (error instanceof UnseenWait) return error.failure;
    if (!(error instanceof DeadlineExceeded)) throw error;
    return {
      kind: "hung",
      limitMs: error.limitMs,
      tasks: tasks
        .filter((task) => task.state !== "done")
        .map((task) => ({
          task: task.name,
          command: task.command,
          state: task.state === "parked" && locks.blocked(task.name) !== undefined ? "blocked" : task.state,
          label: task.label,
        })),
    };
  }
};

const positionOf = (task: ControlledTask): TaskPosition => ({ command: task.commandIndex, step: task.step, state: task.state, access: task.access });

const positionsOf = (tasks: ReadonlyArray<ControlledTask>): ReadonlyArray<TaskPosition> => tasks.map(positionOf);

/** Every live task is blocked at a lock: the waits-for cycle, with the command each task was running. */
const deadlock = (locks: RunLocks, tasks: ReadonlyArray<ControlledTask>, parked: ReadonlyArray<number>): Failure => {
  const first = tasks[parked[0] as number] as ControlledTask;
  const commandOf = (name: string) => tasks.find((task) => task.name === name)?.command;
  return { kind: "deadlock", waits: locks.chain(first.name).map((wait) => ({ ...wait, command: commandOf(wait.task) })) };
};

/** One task's commands in order, each answer decoded with the model's outcome schema. */
const runBranch = async <Command, Outcome>(context: PhaseContext<Command, Outcome>, task: ControlledTask, commands: ReadonlyArray<Command>): Promise<void> => {
  const { history, instance } = context;
  for (const [index, command] of commands.entries()) {
    const text = context.describe(command);
    task.startCommand(index, text);
    const operation = history.invoke(task.name, command, text);
    let answer: unknown;
    try {
      answer = await instance.execute(command);
    } catch (error) {
      throw new TaskFault(blame(error, { task: task.name, command: text }));
    }
    const decoded = decoderOf(context.outcomeOf(command))(answer);
    if (Result.isFailure(decoded)) {
      throw new TaskFault({ kind: "malformed-outcome", task: task.name, command: text, value: show(answer), message: oneLine(decoded.failure.message) });
    }
    history.complete(operation, decoded.success, show(decoded.success));
    task.command = undefined;
  }
};
