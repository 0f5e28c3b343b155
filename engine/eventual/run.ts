import { createHash } from "node:crypto";
import { Result, Schema } from "effect";
import { violatedInvariant } from "../at-rest.js";
import { type BackendSession, lendEnvironment } from "../backend.js";
import { History, START_TASK } from "../history.js";
import { DEFAULT_LINEARIZABILITY_BUDGET } from "../linearizability.js";
import { oneLine } from "../one-line.js";
import { branchName, PREFIX_TASK } from "../program.js";
import type { Scenario } from "../reference-model.js";
import { show } from "../step.js";
import { Deadline, DeadlineExceeded } from "../tasks.js";
import { Bus } from "./bus.js";
import { ChoiceSource } from "./choices.js";
import { errorText, type EventualFailure, EventualFault } from "./failure.js";
import type { Fault } from "./faults.js";
import { judgeEventually, type Refusals, type RequestRecord } from "./judge.js";
import { Scheduler } from "./scheduler.js";
import type { DecisionSource } from "../schedule/decision-source.js";
import type { EventualImplementation, EventualInstance, EventualSnapshot } from "./port.js";

/** What one eventually-consistent run executes: requests, the faults to inject and the engine's decisions. */
export interface EventualProgram<Command> {
  /** Requested one at a time, each settled before the next. */
  readonly prefix: ReadonlyArray<Command>;
  /** Requested concurrently after the prefix, then settled together. */
  readonly branches: ReadonlyArray<ReadonlyArray<Command>>;
  readonly faults: ReadonlyArray<Fault>;
  readonly choices: ReadonlyArray<number>;
}

/** Steps the settle phase may take before the run is judged not to settle. */
export const DEFAULT_SETTLE_STEPS = 1_000;

export interface EventualRunOptions<Outcome> {
  readonly timeLimitMs: number;
  readonly settleSteps: number;
  readonly linearizabilityBudget?: number;
  /** Which final outcomes are successes (they change the state); the others are refusals. */
  readonly succeeded: (outcome: Outcome) => boolean;
  /**
   * The backend session that lends each run its environment (for PostgreSQL, the gated pools), tells
   * a task waiting for a lock from a working one, and ends what a crashed handler holds. Default:
   * memory, an empty environment.
   */
  readonly session?: Pick<BackendSession, "beginRun" | "probe" | "abandonTask">;
}

/** One eventually-consistent run as it happened. */
export interface EventualExecution<Command, Outcome> {
  readonly history: History<Command, Outcome>;
  readonly failure: EventualFailure | undefined;
  readonly undecided: boolean;
  readonly decisions: number;
  /** Decisions that switched away from a task that could have gone on (as preemptions do). */
  readonly switches: number;
  /** Indices (in the program's list) of the faults that took effect. */
  readonly faultsApplied: ReadonlyArray<number>;
  /** Faults that could have struck this run where it went (one fault more than the program's), for proof mode. */
  readonly faultPlacements: ReadonlyArray<Fault>;
  readonly refusals: Refusals;
  /** Timeline positions where a settle phase began (after each round's last request was accepted). */
  readonly settleStarts: ReadonlyArray<number>;
  readonly fingerprint: string;
}

const InFlight = Schema.Array(Schema.String);

/**
 * Executes one program against a fresh instance of an eventually-consistent design: the scenario's
 * start and the prefix one request at a time, each settled and judged; then the branches
 * concurrently, settled and judged. The design's kept invariants are checked at every decision.
 */
export const executeEventually = async <Config, State, Command, Outcome, Snapshot, Environment extends object>(
  scenario: Scenario<Config, State, Command, Outcome, Snapshot>,
  implementation: EventualImplementation<Config, Command, Outcome, Snapshot, Environment>,
  program: EventualProgram<Command>,
  options: EventualRunOptions<Outcome>,
  /** Who decides; default: the program's generated choices. Proof mode passes a path of its decision tree. */
  source: DecisionSource = new ChoiceSource(program.choices),
): Promise<EventualExecution<Command, Outcome>> => {
  const unknown = implementation.keeps.filter((name) => !scenario.model.invariants.some((invariant) => invariant.name === name));
  if (unknown.length > 0) throw new RangeError(`${implementation.name} keeps unknown invariants: ${unknown.join(", ")}`);
  const history = new History<Command, Outcome>();
  const requests = new Map<string, RequestRecord<Command, Outcome>>();
  const applied = new Set<number>();
  const deadline = new Deadline(options.timeLimitMs);
  let raised: EventualFailure | undefined;
  let keys = 0;
  let clock = 0;
  const raise = (failure: EventualFailure) => (raised ??= failure);
  // Bound once the scheduler exists: a handler's notes go to its participant's lane.
  let laneOf = (task: string): string => task;
  const bus = new Bus(program.faults, {
    note: (task, text) => history.note(laneOf(task), text),
    faultApplied: (index) => applied.add(index),
    now: () => clock,
    nextKey: () => keys++,
    settle: (id, outcome) => {
      const request = requests.get(id);
      if (request === undefined) return raise({ kind: "bad-settlement", request: id, message: `no request ${id} was made` });
      const { operation } = request;
      if (operation.outcome !== undefined)
        return raise({ kind: "settled-twice", request: operation.text, first: show(operation.outcome), second: show(outcome) });
      const decoded = Schema.decodeUnknownResult(scenario.model.outcomeOf(operation.command))(outcome);
      if (Result.isFailure(decoded))
        return raise({ kind: "bad-settlement", request: operation.text, message: `settled with ${show(outcome)}: ${oneLine(decoded.failure.message)}` });
      history.complete(operation, decoded.success, `${id} ${show(decoded.success)}`);
    },
  });
  let instance: EventualInstance<Command, Snapshot> | undefined;
  const read = async (): Promise<EventualSnapshot<Snapshot> | EventualFailure> => {
    let raw: EventualSnapshot<Snapshot>;
    try {
      raw = await Promise.race([(instance as EventualInstance<Command, Snapshot>).snapshot(), deadline.expired]);
    } catch (error) {
      if (error instanceof DeadlineExceeded) throw error;
      return { kind: "threw", task: "snapshot", command: undefined, message: errorText(error) };
    }
    const state = Schema.decodeUnknownResult(scenario.model.snapshot)(raw.state);
    const inFlight = Schema.decodeUnknownResult(InFlight)(raw.inFlight);
    if (Result.isFailure(state)) return { kind: "malformed-snapshot", value: show(raw), message: oneLine(state.failure.message) };
    if (Result.isFailure(inFlight)) return { kind: "malformed-snapshot", value: show(raw), message: `inFlight: ${oneLine(inFlight.failure.message)}` };
    return { state: scenario.model.normalize(state.success), inFlight: inFlight.success };
  };
  const kept = scenario.model.invariants
    .filter((invariant) => implementation.keeps.includes(invariant.name))
    .map((invariant) => ({ ...invariant, when: "always" as const }));
  const scheduler = new Scheduler({
    history,
    bus,
    deadline,
    choices: source,
    settleSteps: options.settleSteps,
    probe: options.session?.probe,
    abandon: options.session?.abandonTask,
    raised: () => raised,
    raise,
    nextKey: () => keys++,
    tick: () => clock++,
    advanceTo: (time) => (clock = Math.max(clock, time)),
    checkKept: async () => {
      const snapshot = await read();
      if ("kind" in snapshot) return snapshot;
      return violatedInvariant(kept, scenario.config, snapshot.state, "always", history.timeline.length);
    },
    request: async (task, command, index, exact) => {
      const id = `r${requests.size + 1}`;
      const text = scenario.model.describe(command);
      task.startCommand(index, text);
      const operation = history.invoke(task.name, command, `${id} ${text}`);
      requests.set(id, { id, operation, exact });
      try {
        await (instance as EventualInstance<Command, Snapshot>).request(command, id);
      } catch (error) {
        throw new EventualFault({ kind: "threw", task: task.name, command: `${id} ${text}`, message: errorText(error) });
      }
      history.note(task.name, `${id} requested`);
    },
  });
  laneOf = (task) => scheduler.laneOf(task);
  let refusals: Refusals = { refused: 0, spurious: 0 };
  let undecided = false;
  const judge = async (): Promise<EventualFailure | undefined> => {
    const snapshot = await read();
    if ("kind" in snapshot) return snapshot;
    const judgement = judgeEventually(
      scenario,
      snapshot,
      [...requests.values()],
      options.succeeded,
      options.linearizabilityBudget ?? DEFAULT_LINEARIZABILITY_BUDGET,
      history.timeline.length,
    );
    undecided ||= judgement.undecided;
    refusals = judgement.refusals;
    return judgement.failure;
  };
  const round = async (branches: ReadonlyArray<ReadonlyArray<Command>>, name: (index: number) => string, exact: boolean) =>
    (await scheduler.round(branches, name, exact)) ?? (await judge());

  let failure: EventualFailure | undefined;
  const lease = await (options.session?.beginRun ?? lendEnvironment())();
  try {
    instance = await Promise.race([
      implementation.create({ ...(lease.environment as Environment), config: scenario.config, messages: bus.port }),
      deadline.expired,
    ]);
    failure = await judge();
    if (scenario.start !== undefined) history.start = { summary: scenario.start.summary, reached: false };
    for (const command of scenario.start?.commands ?? []) failure ??= await round([[command]], () => START_TASK, true);
    if (failure === undefined && history.start !== undefined) history.start.reached = true;
    for (const command of program.prefix) failure ??= await round([[command]], () => PREFIX_TASK, true);
    if (failure === undefined && program.branches.length > 0) failure = await round(program.branches, branchName, false);
  } catch (error) {
    failure =
      error instanceof EventualFault
        ? error.failure
        : error instanceof DeadlineExceeded
          ? scheduler.hung(error.limitMs)
          : { kind: "threw", task: "setup", command: undefined, message: errorText(error) };
  } finally {
    deadline.clear();
    try {
      await instance?.dispose?.();
    } catch {
      // A failing dispose must not hide the verdict of the run itself.
    }
    // Handlers still parked (a failure ended the run) hold connections: the session takes them back.
    await lease.release();
  }
  const steps = history.timeline.map((event) => (event.kind === "step" ? `${event.task}:${event.label}` : `${event.task}:${event.kind}`));
  return {
    history,
    failure,
    undecided: failure === undefined && undecided,
    decisions: scheduler.decisions,
    switches: scheduler.switches,
    faultsApplied: [...applied].sort((a, b) => a - b),
    faultPlacements: bus.placements(),
    refusals: failure === undefined ? refusals : { refused: 0, spurious: 0 },
    settleStarts: scheduler.settleStarts,
    fingerprint: createHash("sha1").update(steps.join("\n")).digest("hex"),
  };
};
