import { createHash } from "node:crypto";
import { Result } from "effect";
import { judgeAtRest, violatedInvariant } from "./at-rest.js";
import { decoderOf } from "./decoder.js";
import { isPromiseLike, thenOrNow } from "./maybe-promise.js";
import { type BlockingProbe, lendEnvironment, type LeaseSource } from "./backend.js";
import type { Failure } from "./failure.js";
import { History, START_TASK } from "./history.js";
import type { Implementation, Instance } from "./implementation.js";
import { RunLocks } from "./locks/run-locks.js";
import { oneLine } from "./one-line.js";
import { branchName, PREFIX_TASK, type Program } from "./program.js";
import type { Scenario } from "./reference-model.js";
import { blame, TaskFault } from "./blame.js";
import { type PhaseContext, type RunCounters, runPhase } from "./run-phase.js";
import type { DecisionSource } from "./schedule/decision-source.js";
import { show } from "./step.js";
import { Deadline, DeadlineExceeded } from "./tasks.js";
export type { Program } from "./program.js";

/** What one run needs besides the program and its schedule; {@link RunSettings} provides all of it. */
export interface ExecuteOptions {
  /** Wall-clock limit for the whole run; only a guard against hangs, never used for ordering. */
  readonly timeLimitMs: number;
  readonly probe?: BlockingProbe;
  /** Search states the linearizability check may visit before the run counts as undecided. */
  readonly linearizabilityBudget?: number;
  /** Lends the run what `create` receives besides the configuration; default: nothing (`{}`). */
  readonly beginRun?: LeaseSource;
}

/** One run as it happened: its history, how it ended, and what it cost in decisions and preemptions. */
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

/**
 * Executes one program against a fresh instance under the engine's control and checks it against
 * the model: `always` invariants at every decision, everything (invariants, linearizability, the
 * stored state) whenever no command is in flight. The run holds a lease of the backend from before
 * `create` until the instance is disposed.
 */
export const execute = async <Config, State, Command, Outcome, Snapshot>(
  scenario: Scenario<Config, State, Command, Outcome, Snapshot>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the environment is checked where the backend is chosen
  implementation: Implementation<Config, Command, Outcome, Snapshot, any>,
  program: Program<Command>,
  source: DecisionSource,
  options: ExecuteOptions,
): Promise<Execution<Command, Outcome>> => {
  const lease = await (options.beginRun ?? lendEnvironment())();
  const run = new Run(scenario, source, options, lease.stateVersion);
  try {
    return await run.execute(() => implementation.create({ ...lease.environment, config: scenario.config }), program, lease.audit);
  } finally {
    run.deadline.clear();
    await lease.release();
  }
};

class Run<Config, State, Command, Outcome, Snapshot> {
  readonly deadline: Deadline;
  private readonly history = new History<Command, Outcome>();
  private readonly counters: RunCounters = { decisions: 0, preemptions: 0, probeMs: 0 };
  private instance: Instance<Command, Outcome, Snapshot> | undefined;
  private readonly locks = new RunLocks((task, key) => this.history.note(task, `unlock ${key}`));
  private undecided = false;
  /** The last snapshot read, and the backend's state version it was read at. */
  private lastRead: { readonly version: number; readonly snapshot: Snapshot } | undefined;

  constructor(
    private readonly scenario: Scenario<Config, State, Command, Outcome, Snapshot>,
    private readonly source: DecisionSource,
    private readonly options: ExecuteOptions,
    private readonly stateVersion: () => number | undefined = () => undefined,
  ) {
    this.deadline = new Deadline(options.timeLimitMs);
  }

  async execute(
    create: () => Instance<Command, Outcome, Snapshot> | Promise<Instance<Command, Outcome, Snapshot>>,
    program: Program<Command>,
    audit?: () => Promise<void>,
  ): Promise<Execution<Command, Outcome>> {
    let failure: Failure | undefined;
    try {
      let instance: Instance<Command, Outcome, Snapshot>;
      try {
        instance = await Promise.race([create(), this.deadline.expired]);
      } catch (error) {
        throw new TaskFault(blame(error, { task: "setup", command: "create()" }));
      }
      this.instance = instance;
      const context = this.phaseContext(instance);
      failure = await this.atRest();
      if (failure === undefined) failure = await this.reachStart(context);
      for (const command of program.prefix) {
        if (failure !== undefined) break;
        failure = (await runPhase(context, [[command]], () => PREFIX_TASK)) ?? (await this.atRest());
      }
      if (failure === undefined && program.branches.length > 0) {
        failure = (await runPhase(context, program.branches, branchName)) ?? (await this.atRest());
      }
    } catch (error) {
      failure = blame(error, { task: "setup" });
    } finally {
      await this.dispose(audit);
    }
    const hash = () => this.fingerprint();
    let fingerprint: string | undefined;
    return {
      history: this.history,
      failure,
      undecided: failure === undefined && this.undecided,
      decisions: this.counters.decisions,
      preemptions: this.counters.preemptions,
      probeMs: this.counters.probeMs,
      // Hashed only when asked: an exhaustive search runs thousands of executions and compares none.
      get fingerprint() {
        return (fingerprint ??= hash());
      },
    };
  }

  private phaseContext(instance: Instance<Command, Outcome, Snapshot>): PhaseContext<Command, Outcome> {
    const { model } = this.scenario;
    return {
      describe: (command) => model.describe(command),
      outcomeOf: (command) => model.outcomeOf(command),
      instance,
      history: this.history,
      deadline: this.deadline,
      source: this.source,
      probe: this.options.probe,
      counters: this.counters,
      locks: this.locks,
      checkAlways: () => this.checkAlways(),
    };
  }

  /**
   * Applies the scenario's starting state through the design's own commands, one at a time, and
   * judges it once at the end: every outcome and the stored state must be the model's. Invariants
   * are not watched step by step here: the start is sequential and trusted to be reachable.
   */
  private async reachStart(context: PhaseContext<Command, Outcome>): Promise<Failure | undefined> {
    const { start } = this.scenario;
    if (start === undefined) return undefined;
    this.history.start = { summary: start.summary, reached: false };
    for (const command of start.commands) {
      const failure = await runPhase(context, [[command]], () => START_TASK, false);
      if (failure !== undefined) return failure;
    }
    const failure = await this.atRest();
    if (failure === undefined) this.history.start.reached = true;
    return failure;
  }

  private async dispose(audit?: () => Promise<void>): Promise<void> {
    // The audit comes first, while what the design opened is open; a failing dispose must not hide the verdict of the run itself.
    try {
      await audit?.();
    } finally {
      await (async () => this.instance?.dispose?.())().catch(() => undefined);
    }
  }

  /**
   * The stored state, decoded and normalized. Answered synchronously when the design's snapshot is
   * (a memory design's): a proof reads it at every decision, and each await there costs promises.
   */
  private snapshot(): SnapshotRead<Snapshot> | Promise<SnapshotRead<Snapshot>> {
    const version = this.stateVersion();
    if (version !== undefined && this.lastRead?.version === version) return { snapshot: this.lastRead.snapshot };
    this.lastRead = undefined;
    let answer: unknown;
    try {
      answer = (this.instance as Instance<Command, Outcome, Snapshot>).snapshot();
    } catch (error) {
      return this.unreadable(error);
    }
    if (!isPromiseLike(answer)) return this.decoded(answer, version);
    return Promise.race([answer, this.deadline.expired]).then(
      (raw) => this.decoded(raw, version),
      (error: unknown) => this.unreadable(error),
    );
  }

  /** A snapshot that never answers ends the run: no later step can be judged without it. */
  private unreadable(error: unknown): SnapshotRead<Snapshot> {
    const site = { task: "snapshot", command: "snapshot()", label: this.history.timeline.findLast((event) => event.kind === "step")?.label };
    if (error instanceof DeadlineExceeded) throw new TaskFault(blame(error, site));
    return { failure: blame(error, { task: "snapshot" }) };
  }

  private decoded(raw: unknown, version: number | undefined): SnapshotRead<Snapshot> {
    const { model } = this.scenario;
    const decoded = decoderOf(model.snapshot)(raw);
    if (Result.isFailure(decoded)) return { failure: { kind: "malformed-snapshot", value: show(raw), message: oneLine(decoded.failure.message) } };
    const snapshot = model.normalize(decoded.success);
    // Only a read that nothing changed under (the version the same after it as before) stands for that version.
    if (version !== undefined && this.stateVersion() === version) this.lastRead = { version, snapshot };
    return { snapshot };
  }

  private checkAlways(): Failure | undefined | Promise<Failure | undefined> {
    return thenOrNow(this.snapshot(), (read) =>
      "failure" in read
        ? read.failure
        : violatedInvariant(this.scenario.model.invariants, this.scenario.config, read.snapshot, "always", this.history.timeline.length),
    );
  }

  /** No command is in flight: see {@link judgeAtRest}. */
  private async atRest(): Promise<Failure | undefined> {
    const read = await this.snapshot();
    if ("failure" in read) return read.failure;
    const judgement = judgeAtRest(this.scenario, read.snapshot, this.history, this.options.linearizabilityBudget);
    if (judgement.undecided) this.undecided = true;
    return judgement.failure;
  }

  private fingerprint(): string {
    const steps = this.history.timeline.map((event) => (event.kind === "step" ? `${event.task}:${event.label}` : `${event.task}:${event.kind}`));
    return createHash("sha1").update(steps.join("\n")).digest("hex");
  }
}

type SnapshotRead<Snapshot> = { readonly snapshot: Snapshot } | { readonly failure: Failure };
