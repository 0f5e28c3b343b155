import type { DesignHeader } from "../implementation.js";
import type { Scenario } from "../reference-model.js";
import type { DecisionSource, TaskPosition } from "../schedule/decision-source.js";
import { type Budget, BudgetMeter } from "../exhaustive/budget.js";
import { exploreProgram, type FoundRun } from "../exhaustive/explore-program.js";
import type { ProofStatus } from "../exhaustive/proof.js";
import { programsBySize } from "../exhaustive/programs.js";
import type { EventualCase } from "./case.js";
import type { Fault } from "./faults.js";
import type { EventualImplementation } from "./port.js";
import { type EventualExecution, type EventualProgram, executeEventually, type EventualRunOptions } from "./run.js";

/**
 * What an eventual proof covers. Programs: every sequence of 1 to `maxPrefix` requests made one at a
 * time (each settled before the next), and every such sequence of 0 to `maxPrefix - 1` followed by
 * two requests made concurrently; at most `maxRequests` requests in all. Faults: every set of 0 to
 * `maxFaults` faults placed wherever the run can be struck (see `placements`). Decisions: every
 * choice among parked tasks and deliverable messages, that is every delivery order and interleaving.
 */
export interface EventualProofBound {
  readonly maxRequests: number;
  readonly maxPrefix: number;
  readonly maxFaults: number;
  /**
   * At most this many switches per run: moving a task or delivery while the task that moved last
   * could go on. Starting any task or delivery once the last one finished or parked for good is no
   * switch, so under any bound every order of deliveries (each handler run whole) is explored; the
   * bound limits how finely handlers' steps interleave. Undefined: every interleaving.
   */
  readonly maxSwitches?: number;
}

/**
 * Up to 2 requests (1 or 2 one at a time, or 2 concurrently), at most 1 fault per run, every delivery
 * order with no switch inside a running task: what a memory design's proof covers in seconds over a
 * domain of 3 requests. Larger bounds are a matter of time (each switch allowed multiplies it).
 */
export const DEFAULT_EVENTUAL_BOUND: EventualProofBound = { maxRequests: 2, maxPrefix: 2, maxFaults: 1, maxSwitches: 0 };

export interface EventualProofOptions<Outcome> extends EventualRunOptions<Outcome> {
  readonly bound?: EventualProofBound;
  readonly budget?: Budget;
  /** What the domain leaves out, in words: stated with the verdict. */
  readonly notCovered?: string;
  /** Called after every execution with the count so far. */
  readonly onProgress?: (executions: number) => void;
}

/** A failing run found by the proof: fewest requests, then fewest faults, then fewest switches. */
export interface EventualProofCounterexample<Command, Outcome> {
  /** Faults (only those that took effect), requests and the choices that replay it in random mode's terms. */
  readonly case: EventualCase<Command>;
  readonly execution: EventualExecution<Command, Outcome>;
  readonly executionsToFailure: number;
  /** Executions spent afterwards finding the fewest switches. */
  readonly minimizationExecutions: number;
}

export interface EventualProofVerdict<Command = unknown, Outcome = unknown> {
  readonly scenario: string;
  readonly implementation: DesignHeader;
  readonly status: ProofStatus;
  readonly bound: EventualProofBound;
  /** The requests of the domain as reports write them. */
  readonly commands: ReadonlyArray<string>;
  readonly notCovered?: string;
  /** Programs of requests in the bound. */
  readonly programs: number;
  /** Program and fault set pairs whose every delivery order and interleaving was explored without a failure. */
  readonly runsExplored: number;
  /** Of those, the fault sets with one fault or more. */
  readonly faultSetsExplored: number;
  readonly executions: number;
  readonly undecided: number;
  readonly durationMs: number;
  readonly stoppedBy?: "executions" | "time";
  readonly counterexample?: EventualProofCounterexample<Command, Outcome>;
}

type Traced<Command, Outcome> = EventualExecution<Command, Outcome> & { readonly choices: ReadonlyArray<number> };

/**
 * Records each decision as random mode's choice (0: the task that moved last, else the oldest; then
 * the others in creation order), so that a counterexample replays through `ChoiceSource` too.
 */
class TracedSource implements DecisionSource {
  readonly choices: number[] = [];

  constructor(private readonly inner: DecisionSource) {}

  next(enabled: ReadonlyArray<number>, last: number | undefined, positions: ReadonlyArray<TaskPosition>): number {
    const chosen = this.inner.next(enabled, last, positions);
    const current = last !== undefined && enabled.includes(last) ? last : undefined;
    const order = current === undefined ? enabled : [current, ...enabled.filter((key) => key !== current)];
    this.choices.push(order.indexOf(chosen));
    return chosen;
  }
}

/** Programs of the bound by number of requests, smallest first; a single concurrent request adds nothing to a sequential one. */
const eventualPrograms = <Command>(commands: ReadonlyArray<Command>, bound: EventualProofBound) =>
  programsBySize(commands, { maxPrefix: bound.maxPrefix, minConcurrent: 0, maxConcurrent: 2, maxConcurrentCommands: 2 })
    .filter(({ size }) => size >= 1 && size <= bound.maxRequests)
    .map(({ size, programs }) => ({ size, programs: programs.filter((program) => program.branches.length !== 1) }));

/** Every set of `size` faults from `placements`, each listed once. */
const faultSets = (placements: ReadonlyArray<Fault>, size: number, from = 0): ReadonlyArray<ReadonlyArray<Fault>> =>
  size === 0 ? [[]] : placements.slice(from).flatMap((fault, offset) => faultSets(placements, size - 1, from + offset + 1).map((rest) => [fault, ...rest]));

/**
 * Proof mode for eventually-consistent designs: every program of the bound, under every set of faults
 * up to the bound, in every delivery order and interleaving (the decision tree of `exhaustive/tree.ts`,
 * walked without reduction). Smallest first: requests, then faults; the first level with a failure
 * gives the counterexample, and among its failures the one with the fewest switches.
 *
 * Fault placements are exact, not guessed: a fault changes nothing before it strikes, so a run that
 * one more fault strikes is, up to that moment, a run with the faults it already had. The places
 * where the runs with f faults could be struck (messages published, handlers' await points, sends)
 * are therefore every place a set of f + 1 faults can take effect.
 */
export const proveEventually = async <Config, State, Command, Outcome, Snapshot, Environment extends object>(
  scenario: Scenario<Config, State, Command, Outcome, Snapshot>,
  implementation: EventualImplementation<Config, Command, Outcome, Snapshot, Environment>,
  commands: ReadonlyArray<Command>,
  options: EventualProofOptions<Outcome>,
): Promise<EventualProofVerdict<Command, Outcome>> => {
  const bound = options.bound ?? DEFAULT_EVENTUAL_BOUND;
  const meter = new BudgetMeter(options.budget ?? {});
  const groups = eventualPrograms(commands, bound);
  const tally = { runsExplored: 0, faultSetsExplored: 0, undecided: 0 };
  const runner =
    (program: EventualProgram<Command>, strikable?: Map<string, Fault>) =>
    async (source: DecisionSource): Promise<Traced<Command, Outcome>> => {
      const traced = new TracedSource(source);
      const execution = await executeEventually(scenario, implementation, program, options, traced);
      for (const fault of execution.faultPlacements) strikable?.set(JSON.stringify(fault), fault);
      return { ...execution, choices: traced.choices };
    };
  const walk = {
    reduction: false,
    ...(bound.maxSwitches === undefined ? {} : { preemptionBound: bound.maxSwitches }),
    stopAtFailure: true,
    mayRun: () => meter.allows(),
    onExecution: () => {
      meter.executions++;
      options.onProgress?.(meter.executions);
    },
  };
  const verdict = (status: ProofStatus, counterexample?: EventualProofCounterexample<Command, Outcome>): EventualProofVerdict<Command, Outcome> => ({
    scenario: scenario.name,
    implementation: { name: implementation.name, design: implementation.design, backend: implementation.backend, claim: implementation.claim },
    status,
    bound,
    commands: commands.map((command) => scenario.model.describe(command)),
    ...(options.notCovered === undefined ? {} : { notCovered: options.notCovered }),
    programs: groups.reduce((sum, group) => sum + group.programs.length, 0),
    ...tally,
    executions: meter.executions,
    durationMs: meter.elapsedMs(),
    ...(meter.stoppedBy === undefined ? {} : { stoppedBy: meter.stoppedBy }),
    ...(counterexample === undefined ? {} : { counterexample }),
  });

  for (const { programs } of groups) {
    // Per program: every place where its runs so far could be struck by one more fault.
    const strikable = programs.map(() => new Map<string, Fault>());
    for (let faults = 0; faults <= bound.maxFaults; faults++) {
      const failing: Array<Failing<Command, Outcome>> = [];
      let executionsToFailure: number | undefined;
      const placed = strikable.map((places) => [...places.values()]);
      for (const [index, requests] of programs.entries()) {
        for (const set of faultSets(placed[index] ?? [], faults)) {
          const program: EventualProgram<Command> = { ...requests, faults: set, choices: [] };
          const before = meter.executions;
          const explored = await exploreProgram(runner(program, faults < bound.maxFaults ? strikable[index] : undefined), walk);
          tally.undecided += explored.undecided;
          // A failure here strikes with every fault of the set: had one not struck, the smaller set would have failed at an earlier level.
          if (explored.failure !== undefined) {
            failing.push({ program, found: explored.failure });
            executionsToFailure ??= before + explored.failure.executions;
          } else if (!explored.complete) return verdict("incomplete");
          else {
            tally.runsExplored++;
            if (set.length > 0) tally.faultSetsExplored++;
          }
        }
      }
      if (failing.length > 0) {
        const minimal = await fewestSwitches(failing, (program) => runner(program));
        const { program, found } = minimal;
        const testCase: EventualCase<Command> = {
          faults: program.faults,
          prefix: program.prefix,
          branches: program.branches,
          choices: trimDefaults(found.execution.choices),
        };
        const replayed = await executeEventually(scenario, implementation, { ...program, choices: testCase.choices }, options);
        if (replayed.fingerprint !== found.execution.fingerprint)
          throw new Error(
            `the counterexample for ${implementation.name} on ${scenario.name} does not replay: the design is not deterministic under the harness`,
          );
        return verdict("violated", {
          case: testCase,
          execution: found.execution,
          executionsToFailure: executionsToFailure ?? 0,
          minimizationExecutions: minimal.executions,
        });
      }
    }
  }
  return verdict(tally.undecided > 0 ? "unknown" : "verified");
};

interface Failing<Command, Outcome> {
  readonly program: EventualProgram<Command>;
  readonly found: FoundRun<Traced<Command, Outcome>>;
}

/**
 * Among the failures of the smallest level, the one with the fewest switches: their trees walked
 * again under a switch bound of 0, 1, 2… (the tree's preemption bound counts exactly the scheduler's
 * switches), so the first failure met needs the fewest.
 */
const fewestSwitches = async <Command, Outcome>(
  failing: ReadonlyArray<Failing<Command, Outcome>>,
  runner: (program: EventualProgram<Command>) => (source: DecisionSource) => Promise<Traced<Command, Outcome>>,
): Promise<Failing<Command, Outcome> & { readonly executions: number }> => {
  const [first, ...others] = failing;
  if (first === undefined) throw new Error("fewestSwitches needs at least one failure");
  const best = others.reduce((found, next) => (next.found.execution.switches < found.found.execution.switches ? next : found), first);
  let executions = 0;
  for (let bound = 0; bound < best.found.execution.switches; bound++) {
    for (const { program } of failing) {
      const explored = await exploreProgram(runner(program), { reduction: false, preemptionBound: bound, stopAtFailure: true, mayRun: () => true });
      executions += explored.executions;
      if (explored.failure !== undefined) return { program, found: explored.failure, executions };
    }
  }
  return { ...best, executions };
};

/** Trailing zeros are the default choice: a shorter list replays the same run. */
const trimDefaults = (choices: ReadonlyArray<number>): ReadonlyArray<number> => {
  let end = choices.length;
  while (end > 0 && choices[end - 1] === 0) end--;
  return choices.slice(0, end);
};
