import type { Execution, Program } from "../execute.js";
import { execute } from "../execute.js";
import type { DecisionSource } from "../schedule/decision-source.js";
import { confirmReplay } from "../schedule/deterministic.js";
import { type DesignHeader, designHeader, type Implementation } from "../implementation.js";
import type { Scenario } from "../reference-model.js";
import type { RunSettings } from "../settings.js";
import { type Budget, BudgetMeter } from "./budget.js";
import { type ProgramExplorer, serialExplorer } from "./explorer.js";
import { type FailingProgram, fewestPreemptions } from "./minimize.js";
import { DEFAULT_SHAPE, type ProgramShape, programsBySize } from "./programs.js";
import { inShard, type Shard, WHOLE } from "../shard.js";

/** What an exhaustive search covers and may spend. */
export interface ProofSearch {
  /** Which programs (default: prefix of 0–1 commands, then 2–3 concurrent ones). */
  readonly shape?: ProgramShape;
  /** Only interleavings with at most this many preemptions; reduction is off under a bound. */
  readonly preemptionBound?: number;
  /** Sleep-set reduction (default on); ignored under a preemption bound. */
  readonly reduction?: boolean;
  readonly budget?: Budget;
  /** What the domain leaves out, in words (other ids, other commands): stated with the verdict. */
  readonly notCovered?: string;
  /** Only this shard of the domain's programs (default: all of them); see {@link Shard}. */
  readonly shard?: Shard;
  /** Who walks the programs' trees (default: this thread, one program after the other). */
  readonly explorer?: ProgramExplorer;
}

/**
 * Exhaustive mode's settings: what the search covers, and every run setting resolved by
 * `resolveRunSettings` (`onProgress` counts executions; the random-mode settings are not read).
 */
export interface ProofOptions<Command = unknown, Outcome = unknown> extends ProofSearch, RunSettings<Command, Outcome> {}

/** A failing execution found by exhaustive search, minimal by construction, with what replays it. */
export interface ProofCounterexample<Command, Outcome> {
  readonly program: Program<Command>;
  /** The program's position in the domain's order (smallest programs first), the same in every shard. */
  readonly position?: number;
  /** The task chosen at each decision: with the program, replays the execution exactly. */
  readonly decisions: ReadonlyArray<number>;
  readonly execution: Execution<Command, Outcome>;
  /** Executions run until the first failure was met. */
  readonly executionsToFailure: number;
  /** Executions run afterwards to find the fewest preemptions. */
  readonly minimizationExecutions: number;
  /** Every program of its size was explored; false when the budget ran out among them. */
  readonly sizeExplored: boolean;
}

/**
 * `verified`: every interleaving of every program of the domain was explored (up to the bound, if
 * any) and none failed. `incomplete`: the budget ran out first; never a proof. `unknown`: no failure,
 * but some execution was too large for the linearizability search.
 */
export type ProofStatus = "verified" | "violated" | "incomplete" | "unknown";

/** The outcome of an exhaustive search for one design on one scenario, with what it covered. */
export interface ProofVerdict<Command = unknown, Outcome = unknown> {
  readonly scenario: string;
  readonly implementation: DesignHeader;
  readonly status: ProofStatus;
  readonly shape: ProgramShape;
  /** Commands in the family's proof domain for this scenario. */
  readonly domain: number;
  /** Those commands as reports write them, e.g. `join(u1, g1)`. */
  readonly commands: ReadonlyArray<string>;
  readonly notCovered?: string;
  /** Programs this search was to cover: the domain's, or its shard's share. */
  readonly programs: number;
  /** The shard of the domain this search covered, when it was one part of a split run. */
  readonly shard?: Shard & { readonly domainPrograms: number };
  /** Programs whose every interleaving was explored without a failure. */
  readonly programsExplored: number;
  readonly executions: number;
  /** Executions that repeated covered orders (all enabled steps asleep): the reduction's overhead. */
  readonly redundant: number;
  readonly undecided: number;
  readonly preemptionBound: number | undefined;
  /** Whether sleep-set reduction was in effect. */
  readonly reduction: boolean;
  readonly durationMs: number;
  readonly stoppedBy?: "executions" | "time";
  readonly counterexample?: ProofCounterexample<Command, Outcome>;
}

/**
 * Exhaustive bounded verification: every interleaving of every program over a small domain of
 * commands, smallest programs first. Stops at the first size with a failure and reports the failure
 * with the fewest preemptions among that size's failing programs: minimal by construction.
 */
export const prove = async <Config, State, Command, Outcome, Snapshot>(
  scenario: Scenario<Config, State, Command, Outcome, Snapshot>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the environment comes with the settings' lease
  implementation: Implementation<Config, Command, Outcome, Snapshot, any>,
  commands: ReadonlyArray<Command>,
  options: ProofOptions<Command, Outcome>,
): Promise<ProofVerdict<Command, Outcome>> => {
  const shape = options.shape ?? DEFAULT_SHAPE;
  const reduction = (options.reduction ?? true) && options.preemptionBound === undefined;
  const meter = new BudgetMeter(options.budget ?? {});
  const shard = options.shard ?? WHOLE;
  const groups = programsBySize(commands, shape);
  // Positions run through the whole domain, smallest programs first, so that shards of every count
  // partition the same order.
  let position = 0;
  const numbered = groups.map(({ programs }) => programs.map((program) => ({ position: position++, program })));
  const sharded = numbered.map((programs) => programs.filter((numberedProgram) => inShard(numberedProgram.position, shard)));
  const runner = (program: Program<Command>) => (source: DecisionSource) => execute(scenario, implementation, program, source, options);
  const tally = { programsExplored: 0, redundant: 0, undecided: 0 };
  const walk = {
    reduction,
    ...(options.preemptionBound === undefined ? {} : { preemptionBound: options.preemptionBound }),
    meter,
    onExecution: () => options.onProgress?.(meter.executions),
  };
  const verdict = (status: ProofStatus, counterexample?: ProofCounterexample<Command, Outcome>): ProofVerdict<Command, Outcome> => ({
    scenario: scenario.name,
    implementation: designHeader(implementation),
    status,
    shape,
    domain: commands.length,
    commands: commands.map((command) => scenario.model.describe(command)),
    ...(options.notCovered === undefined ? {} : { notCovered: options.notCovered }),
    programs: sharded.reduce((sum, programs) => sum + programs.length, 0),
    ...(shard.count === 1 ? {} : { shard: { ...shard, domainPrograms: position } }),
    ...tally,
    executions: meter.executions,
    preemptionBound: options.preemptionBound,
    reduction,
    durationMs: meter.elapsedMs(),
    ...(meter.stoppedBy === undefined ? {} : { stoppedBy: meter.stoppedBy }),
    ...(counterexample === undefined ? {} : { counterexample }),
  });

  for (const programs of sharded) {
    const failing: Array<FailingProgram<Command, Outcome>> = [];
    let executionsToFailure: number | undefined;
    let before = meter.executions;
    const explorations = await (options.explorer ?? serialExplorer).explore(programs, runner, walk);
    for (const [index, explored] of explorations.entries()) {
      tally.redundant += explored.redundant;
      tally.undecided += explored.undecided;
      const program = programs[index]?.program;
      if (explored.failure !== undefined && program !== undefined) {
        failing.push({ program, failure: explored.failure });
        executionsToFailure ??= before + explored.failure.executions;
      } else if (explored.complete) tally.programsExplored++;
      before += explored.executions;
    }
    if (failing.length > 0) {
      const minimal = await fewestPreemptions(failing, runner);
      const { execution, decisions } = minimal.failure;
      await confirmReplay(`the counterexample for ${implementation.name} on ${scenario.name}`, execution, decisions, runner(minimal.program));
      return verdict("violated", {
        program: minimal.program,
        position: programs.find((numberedProgram) => numberedProgram.program === minimal.program)?.position ?? 0,
        decisions,
        execution,
        executionsToFailure: executionsToFailure ?? 0,
        minimizationExecutions: minimal.executions,
        sizeExplored: meter.stoppedBy === undefined,
      });
    }
    if (meter.stoppedBy !== undefined) return verdict("incomplete");
  }
  return verdict(tally.undecided > 0 ? "unknown" : "verified");
};
