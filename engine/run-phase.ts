import { Result, Schema } from "effect";
import type { BlockingProbe } from "./backend.js";
import type { Failure } from "./failure.js";
import type { History } from "./history.js";
import type { Instance } from "./implementation.js";
import { oneLine } from "./one-line.js";
import type { DecisionSource } from "./schedule/decision-source.js";
import { type Access, runControlled, show } from "./step.js";
import { ControlledTask, type Deadline, DeadlineExceeded, Signal } from "./tasks.js";

/** Thrown inside a task to end the run with a failure that names the task. */
export class TaskFault extends Error {
  constructor(readonly failure: Failure) {
    super(failure.kind);
  }
}

/** An error's message for a failure report: reports name what broke, never print a stack. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

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
  /** Reads the stored state and checks the invariants that must hold even mid-command. */
  readonly checkAlways: () => Promise<Failure | undefined>;
}

/**
 * Runs the branches as concurrent tasks, releasing one parked task at a time, until all are done.
 * Returns the first failure: a task's fault, an `always` invariant broken at a decision (unless
 * `watchInvariants` is off), or a hang.
 */
export const runPhase = async <Command, Outcome>(
  context: PhaseContext<Command, Outcome>,
  branches: ReadonlyArray<ReadonlyArray<Command>>,
  name: (index: number) => string,
  watchInvariants = true,
): Promise<Failure | undefined> => {
  const { history, source, counters } = context;
  const changed = new Signal();
  const tasks = branches.map((_commands, index) => new ControlledTask(name(index), changed));
  let fault: Failure | undefined;
  tasks.forEach((task, index) => {
    const host = { task: task.name, arrive: (label: string, access?: Access) => task.park(label, access), record: (_label: string, result: string) => history.result(task.name, result) };
    runControlled(host, () => runBranch(context, task, branches[index] ?? [])).then(
      () => task.finish(),
      (error: unknown) => {
        fault ??= error instanceof TaskFault ? error.failure : { kind: "threw", task: task.name, command: task.command, message: errorText(error) };
        task.finish();
      },
    );
  });
  let last: number | undefined;
  // A step that declared it only reads cannot have broken an invariant: skip the snapshot after it.
  let readOnly = false;
  try {
    for (;;) {
      await settle(context, tasks, changed);
      if (fault !== undefined) return fault;
      if (tasks.every((task) => task.state === "done")) return undefined;
      const violated = readOnly || !watchInvariants ? undefined : await context.checkAlways();
      if (violated !== undefined) return violated;
      const enabled = tasks.flatMap((task, index) => (task.state === "parked" ? [index] : []));
      if (enabled.length === 0) {
        await waitForChange(context, changed);
        continue;
      }
      let chosen = enabled[0] as number;
      if (enabled.length > 1) {
        counters.decisions++;
        const pick = source.next(enabled, last, tasks.map((task) => ({ command: task.commandIndex, step: task.step, state: task.state, access: task.access })));
        chosen = enabled.includes(pick) ? pick : chosen;
      }
      const preempted = last !== undefined && last !== chosen && enabled.includes(last);
      if (preempted) counters.preemptions++;
      const task = tasks[chosen] as ControlledTask;
      history.step(task.name, task.label, preempted);
      last = chosen;
      readOnly = task.access !== undefined && (task.access.writes ?? []).length === 0;
      task.release();
    }
  } catch (error) {
    if (!(error instanceof DeadlineExceeded)) throw error;
    return {
      kind: "hung",
      limitMs: error.limitMs,
      tasks: tasks.filter((task) => task.state !== "done").map((task) => ({ task: task.name, command: task.command, state: task.state, label: task.label })),
    };
  }
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
      throw new TaskFault({ kind: "threw", task: task.name, command: text, message: errorText(error) });
    }
    const decoded = Schema.decodeUnknownResult(context.outcomeOf(command))(answer);
    if (Result.isFailure(decoded)) {
      throw new TaskFault({ kind: "malformed-outcome", task: task.name, command: text, value: show(answer), message: oneLine(decoded.failure.message) });
    }
    history.complete(operation, decoded.success, show(decoded.success));
    task.command = undefined;
  }
};

/** Waits until no task is working: each is parked, done, or (with a probe) blocked on a lock. */
const settle = async <Command, Outcome>(context: PhaseContext<Command, Outcome>, tasks: ReadonlyArray<ControlledTask>, changed: Signal): Promise<void> => {
  const { probe, history, counters } = context;
  for (;;) {
    const running = tasks.filter((task) => task.state === "running");
    if (running.length === 0) return;
    // Two running tasks may wait for each other: a deadlock, which the probe breaks by rule.
    if (probe !== undefined && (running.length > 1 || tasks.some((task) => task.state === "parked"))) {
      const asked = performance.now();
      const blocked = await probe.blocked(running.map((task) => task.name));
      counters.probeMs += performance.now() - asked;
      if (running.every((task) => blocked.has(task.name))) {
        for (const task of running) history.waited(task.name, blocked.get(task.name) ?? []);
        return;
      }
    }
    await waitForChange(context, changed);
  }
};

const waitForChange = async <Command, Outcome>({ probe, deadline }: PhaseContext<Command, Outcome>, changed: Signal): Promise<void> => {
  const poll = probe === undefined ? [] : [new Promise<void>((resolve) => setTimeout(resolve, probe.pollMs))];
  await Promise.race([changed.wait(), deadline.expired, ...poll]);
};
