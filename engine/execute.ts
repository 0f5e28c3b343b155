import { createHash } from "node:crypto";
import { Result, Schema } from "effect";
import { canonical } from "./canonical.js";
import type { BlockingProbe } from "./backend.js";
import type { DecisionSource } from "./schedule/decision-source.js";
import type { Failure } from "./failure.js";
import { History, START_TASK } from "./history.js";
import type { Implementation, Instance } from "./implementation.js";
import { checkLinearizable } from "./linearizability.js";
import type { Scenario } from "./reference-model.js";
import { type Access, runControlled, show } from "./step.js";
import { ControlledTask, Deadline, DeadlineExceeded, Signal } from "./tasks.js";
import { oneLine } from "./one-line.js";

/** What one run executes: a sequential prefix, then branches that run concurrently. */
export interface Program<Command> {
  readonly prefix: ReadonlyArray<Command>;
  readonly branches: ReadonlyArray<ReadonlyArray<Command>>;
}

export interface ExecuteOptions {
  /** What the backend hands to `create` besides the configuration (e.g. a PostgreSQL pool). */
  readonly environment?: object;
  /** Wall-clock limit for the whole run; only a guard against hangs, never used for ordering. */
  readonly timeLimitMs: number;
  readonly probe?: BlockingProbe;
  readonly linearizabilityBudget?: number;
}

export interface Execution<Command, Outcome> {
  readonly history: History<Command, Outcome>;
  readonly failure: Failure | undefined;
  /** The linearizability search hit its budget: this run is neither a pass nor a failure. */
  readonly undecided: boolean;
  readonly decisions: number;
  readonly preemptions: number;
  /** Identifies the interleaving (every step of every task in order), for counting distinct ones. */
  readonly fingerprint: string;
  /** Wall-clock time spent asking the backend's probe whether running tasks wait for locks. */
  readonly probeMs: number;
}

/** Thrown inside a task to end the run with a failure that names the task. */
class TaskFault extends Error {
  constructor(readonly failure: Failure) {
    super(failure.kind);
  }
}

const PREFIX_TASK = "P";
export const branchName = (index: number): string => `T${index + 1}`;

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Executes one program against a fresh instance under the engine's control and checks it against
 * the model: `always` invariants at every decision, everything (invariants, linearizability, the
 * stored state) whenever no command is in flight.
 */
export const execute = async <Config, State, Command, Outcome, Snapshot>(
  scenario: Scenario<Config, State, Command, Outcome, Snapshot>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the environment is checked where the backend is chosen
  implementation: Implementation<Config, Command, Outcome, Snapshot, any>,
  program: Program<Command>,
  source: DecisionSource,
  options: ExecuteOptions,
): Promise<Execution<Command, Outcome>> => {
  const run = new Run(scenario, implementation, source, options);
  try {
    return await run.execute(program);
  } finally {
    run.deadline.clear();
  }
};

class Run<Config, State, Command, Outcome, Snapshot> {
  readonly deadline: Deadline;
  readonly history = new History<Command, Outcome>();
  private instance: Instance<Command, Outcome, Snapshot> | undefined;
  private decisions = 0;
  private preemptions = 0;
  private undecided = false;
  private probeMs = 0;

  constructor(
    private readonly scenario: Scenario<Config, State, Command, Outcome, Snapshot>,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see execute()
    private readonly implementation: Implementation<Config, Command, Outcome, Snapshot, any>,
    private readonly source: DecisionSource,
    private readonly options: ExecuteOptions,
  ) {
    this.deadline = new Deadline(options.timeLimitMs);
  }

  async execute(program: Program<Command>): Promise<Execution<Command, Outcome>> {
    let failure: Failure | undefined;
    try {
      this.instance = await Promise.race([this.implementation.create({ ...this.options.environment, config: this.scenario.config }), this.deadline.expired]);
      failure = await this.atRest();
      if (failure === undefined) failure = await this.reachStart();
      for (const command of program.prefix) {
        if (failure !== undefined) break;
        failure = (await this.phase([[command]], () => PREFIX_TASK)) ?? (await this.atRest());
      }
      if (failure === undefined && program.branches.length > 0) {
        failure = (await this.phase(program.branches, branchName)) ?? (await this.atRest());
      }
    } catch (error) {
      failure = error instanceof TaskFault ? error.failure : { kind: "threw", task: "setup", command: undefined, message: errorText(error) };
    } finally {
      await this.dispose();
    }
    return {
      history: this.history,
      failure,
      undecided: failure === undefined && this.undecided,
      decisions: this.decisions,
      preemptions: this.preemptions,
      fingerprint: this.fingerprint(),
      probeMs: this.probeMs,
    };
  }

  /**
   * Applies the scenario's starting state through the design's own commands, one at a time, and
   * judges it once at the end: every outcome and the stored state must be the model's. Invariants
   * are not watched step by step here: the start is sequential and trusted to be reachable.
   */
  private async reachStart(): Promise<Failure | undefined> {
    const { start } = this.scenario;
    if (start === undefined) return undefined;
    this.history.start = { summary: start.summary, reached: false };
    for (const command of start.commands) {
      const failure = await this.phase([[command]], () => START_TASK, false);
      if (failure !== undefined) return failure;
    }
    const failure = await this.atRest();
    if (failure === undefined) this.history.start.reached = true;
    return failure;
  }

  private async dispose(): Promise<void> {
    try {
      await this.instance?.dispose?.();
    } catch {
      // A failing dispose must not hide the verdict of the run itself.
    }
  }

  /** Runs the branches as concurrent tasks, releasing one parked task at a time, until all are done. */
  private async phase(branches: ReadonlyArray<ReadonlyArray<Command>>, name: (index: number) => string, watchInvariants = true): Promise<Failure | undefined> {
    const changed = new Signal();
    const tasks = branches.map((_commands, index) => new ControlledTask(name(index), changed));
    let fault: Failure | undefined;
    tasks.forEach((task, index) => {
      const host = { task: task.name, arrive: (label: string, access?: Access) => task.park(label, access), record: (_label: string, result: string) => this.history.result(task.name, result) };
      runControlled(host, () => this.branch(task, branches[index] ?? [])).then(
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
        await this.settle(tasks, changed);
        if (fault !== undefined) return fault;
        if (tasks.every((task) => task.state === "done")) return undefined;
        const violated = readOnly || !watchInvariants ? undefined : await this.checkInvariants("always");
        if (violated !== undefined) return violated;
        const enabled = tasks.flatMap((task, index) => (task.state === "parked" ? [index] : []));
        if (enabled.length === 0) {
          await this.waitForChange(changed);
          continue;
        }
        let chosen = enabled[0] as number;
        if (enabled.length > 1) {
          this.decisions++;
          const pick = this.source.next(enabled, last, tasks.map((task) => ({ command: task.commandIndex, step: task.step, state: task.state, access: task.access })));
          chosen = enabled.includes(pick) ? pick : chosen;
        }
        const preempted = last !== undefined && last !== chosen && enabled.includes(last);
        if (preempted) this.preemptions++;
        const task = tasks[chosen] as ControlledTask;
        this.history.step(task.name, task.label, preempted);
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
  }

  private async branch(task: ControlledTask, commands: ReadonlyArray<Command>): Promise<void> {
    const { model } = this.scenario;
    const instance = this.instance as Instance<Command, Outcome, Snapshot>;
    for (const [index, command] of commands.entries()) {
      const text = model.describe(command);
      task.startCommand(index, text);
      const operation = this.history.invoke(task.name, command, text);
      let answer: unknown;
      try {
        answer = await instance.execute(command);
      } catch (error) {
        throw new TaskFault({ kind: "threw", task: task.name, command: text, message: errorText(error) });
      }
      const decoded = Schema.decodeUnknownResult(model.outcomeOf(command))(answer);
      if (Result.isFailure(decoded)) {
        throw new TaskFault({ kind: "malformed-outcome", task: task.name, command: text, value: show(answer), message: oneLine(decoded.failure.message) });
      }
      this.history.complete(operation, decoded.success, show(decoded.success));
      task.command = undefined;
    }
  }

  /** Waits until no task is working: each is parked, done, or (with a probe) blocked on a lock. */
  private async settle(tasks: ReadonlyArray<ControlledTask>, changed: Signal): Promise<void> {
    const { probe } = this.options;
    for (;;) {
      const running = tasks.filter((task) => task.state === "running");
      if (running.length === 0) return;
      if (probe !== undefined && tasks.some((task) => task.state === "parked")) {
        const asked = performance.now();
        const blocked = await probe.blocked(running.map((task) => task.name));
        this.probeMs += performance.now() - asked;
        if (running.every((task) => blocked.has(task.name))) {
          for (const task of running) this.history.waited(task.name, blocked.get(task.name) ?? []);
          return;
        }
      }
      await this.waitForChange(changed);
    }
  }

  private async waitForChange(changed: Signal): Promise<void> {
    const { probe } = this.options;
    const poll = probe === undefined ? [] : [new Promise<void>((resolve) => setTimeout(resolve, probe.pollMs))];
    await Promise.race([changed.wait(), this.deadline.expired, ...poll]);
  }

  private async snapshot(): Promise<{ readonly snapshot: Snapshot } | { readonly failure: Failure }> {
    const { model } = this.scenario;
    let raw: unknown;
    try {
      raw = await Promise.race([(this.instance as Instance<Command, Outcome, Snapshot>).snapshot(), this.deadline.expired]);
    } catch (error) {
      if (error instanceof DeadlineExceeded) throw error;
      return { failure: { kind: "threw", task: "snapshot", command: undefined, message: errorText(error) } };
    }
    const decoded = Schema.decodeUnknownResult(model.snapshot)(raw);
    if (Result.isFailure(decoded)) return { failure: { kind: "malformed-snapshot", value: show(raw), message: oneLine(decoded.failure.message) } };
    return { snapshot: model.normalize(decoded.success) };
  }

  private async checkInvariants(when: "always" | "at-rest"): Promise<Failure | undefined> {
    const read = await this.snapshot();
    return "failure" in read ? read.failure : this.violatedInvariant(read.snapshot, when);
  }

  private violatedInvariant(snapshot: Snapshot, when: "always" | "at-rest"): Failure | undefined {
    for (const invariant of this.scenario.model.invariants) {
      if (when === "always" && invariant.when !== "always") continue;
      const violations = invariant.violations(snapshot, this.scenario.config);
      if (violations.length > 0) return { kind: "invariant", invariant: invariant.name, when, violations, at: this.history.timeline.length };
    }
    return undefined;
  }

  /** No command is in flight: every invariant must hold and some real-time order must explain it all. */
  private async atRest(): Promise<Failure | undefined> {
    const read = await this.snapshot();
    if ("failure" in read) return read.failure;
    const { snapshot } = read;
    const violated = this.violatedInvariant(snapshot, "at-rest");
    if (violated !== undefined) return violated;
    const { model, config } = this.scenario;
    const stored = canonical(snapshot);
    const result = checkLinearizable(
      this.history.operations,
      {
        initial: model.initial(config),
        step: (state, command) => model.step(state, command, config),
        accept: (state) => canonical(model.normalize(model.observe(state))) === stored,
      },
      this.options.linearizabilityBudget,
    );
    switch (result.kind) {
      case "linearizable":
        return undefined;
      case "unknown":
        this.undecided = true;
        return undefined;
      case "not-linearizable":
        return { kind: "not-linearizable", unexplained: result.unexplained };
      case "state-not-explained":
        return {
          kind: "state-not-explained",
          observed: snapshot,
          expected: result.modelStates.map((state) => model.normalize(model.observe(state))),
          at: this.history.timeline.length,
        };
    }
  }

  private fingerprint(): string {
    const steps = this.history.timeline.map((event) => (event.kind === "step" ? `${event.task}:${event.label}` : `${event.task}:${event.kind}`));
    return createHash("sha1").update(steps.join("\n")).digest("hex");
  }
}
