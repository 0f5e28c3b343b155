import fc from "fast-check";
import type { DecisionSource } from "../schedule/decision-source.js";
import type { Preemption } from "../schedule/preemptions.js";
import type { BlockingProbe } from "../backend.js";
import { type Execution, execute, type Program } from "../execute.js";
import type { Implementation } from "../implementation.js";
import type { Scenario } from "../reference-model.js";
import { type Schedule, scheduleArbitrary, sourceOf, type Strategy } from "../schedule/strategy.js";

export type Mode = "sequential" | "concurrent";

/** A command of a concurrent branch, with the points where the schedule preempts it. */
export interface ScheduledCommand<Command> {
  readonly command: Command;
  readonly preemptions: ReadonlyArray<Preemption>;
}

/** A program plus the decisions that interleave it: the value fast-check generates and shrinks. */
export interface Case<Command> {
  readonly prefix: ReadonlyArray<Command>;
  readonly branches: ReadonlyArray<ReadonlyArray<ScheduledCommand<Command>>>;
  /** The decisions of the `uniform` and `pct` strategies; absent for `preemptions` (kept in the branches). */
  readonly schedule?: Schedule;
}

// Empty branches are allowed for shrinking's sake but are not tasks: T1, T2… number the others.
const busyBranches = <Command>(testCase: Case<Command>) => testCase.branches.filter((branch) => branch.length > 0);

export const programOf = <Command>(testCase: Case<Command>): Program<Command> => ({
  prefix: testCase.prefix,
  branches: busyBranches(testCase).map((branch) => branch.map(({ command }) => command)),
});

export const scheduleOf = <Command>(testCase: Case<Command>): DecisionSource =>
  sourceOf(
    testCase.schedule,
    busyBranches(testCase).map((branch) => branch.map(({ preemptions }) => preemptions)),
  );

export interface CheckOptions {
  readonly mode: Mode;
  /** How concurrent runs are interleaved (default `preemptions`). */
  readonly strategy?: Strategy;
  readonly numRuns: number;
  readonly seed?: number;
  /** With `seed`, replays a reported counterexample directly. */
  readonly path?: string;
  /** Per-run limit in milliseconds; a run that exceeds it is reported as hung. */
  readonly timeLimitMs: number;
  readonly probe?: BlockingProbe;
  /** What the backend hands to every run's `create`. */
  readonly environment?: object;
  /** Called after every run (shrinking included) with the number of runs so far. */
  readonly onProgress?: (runs: number) => void;
}

export interface Counterexample<Command, Outcome> {
  readonly case: Case<Command>;
  readonly execution: Execution<Command, Outcome>;
  /** With `path`, replays this counterexample directly (it may differ from the verdict's seed). */
  readonly seed: number;
  readonly path: string;
  readonly shrinks: number;
  /** Random runs until the first failure, before shrinking. */
  readonly runsToFailure: number;
}

export interface Verdict<Command = unknown, Outcome = unknown> {
  readonly scenario: string;
  readonly implementation: { readonly name: string; readonly design: string; readonly backend: string; readonly claim: string };
  readonly mode: Mode;
  /** `unknown`: no failure found, but some run was too large for the linearizability search. */
  readonly status: "passed" | "violated" | "unknown";
  readonly runs: number;
  readonly distinctInterleavings: number;
  readonly undecidedRuns: number;
  readonly seed: number;
  readonly durationMs: number;
  readonly counterexample?: Counterexample<Command, Outcome>;
}

/** Most commands take two to four steps (load, load, save, save); a preemption falls before one of them. Measured: 5 instead of 3 wastes points past the last step and needs up to twice the runs. */
const MAX_STEP = 3;

/** The shape of generated cases: how many commands, branches and decisions a run may have. */
export const caseArbitrary = <Command>(commands: fc.Arbitrary<Command>, mode: Mode, strategy: Strategy = "preemptions"): fc.Arbitrary<Case<Command>> => {
  if (mode === "sequential") return fc.record({ prefix: fc.array(commands, { minLength: 1, maxLength: 8 }), branches: fc.constant([]) });
  const scheduled = fc.record({
    command: commands,
    preemptions:
      strategy === "preemptions"
        ? fc.array(fc.record({ step: fc.nat({ max: MAX_STEP }), to: fc.nat({ max: 1 }) }), { maxLength: 2 })
        : fc.constant<ReadonlyArray<Preemption>>([]),
  });
  const program = {
    prefix: fc.array(commands, { maxLength: 2 }),
    // Branches may be empty: fast-check cannot drop the last item of an array one above its
    // minimum length, so a minimum of 1 would keep a needless command in shrunk counterexamples.
    branches: fc.array(fc.array(scheduled, { maxLength: 3 }), { minLength: 2, maxLength: 3 }),
  };
  const schedule = scheduleArbitrary(strategy);
  return schedule === undefined ? fc.record(program) : fc.record({ ...program, schedule });
};

/**
 * Checks an implementation against its scenario's model with fast-check: random cases, then the
 * smallest failing case fast-check can shrink to, executed once more to draw its timeline.
 */
export const check = async <Config, State, Command, Outcome, Snapshot>(
  scenario: Scenario<Config, State, Command, Outcome, Snapshot>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the environment comes with options.environment
  implementation: Implementation<Config, Command, Outcome, Snapshot, any>,
  commands: fc.Arbitrary<Command>,
  options: CheckOptions,
): Promise<Verdict<Command, Outcome>> => {
  const started = performance.now();
  const fingerprints = new Set<string>();
  let undecidedRuns = 0;
  let runs = 0;
  let shrinking = false;
  const executeOptions = {
    timeLimitMs: options.timeLimitMs,
    ...(options.probe === undefined ? {} : { probe: options.probe }),
    ...(options.environment === undefined ? {} : { environment: options.environment }),
  };
  const run = (testCase: Case<Command>) => execute(scenario, implementation, programOf(testCase), scheduleOf(testCase), executeOptions);

  const property = fc.asyncProperty(caseArbitrary(commands, options.mode, options.strategy), async (testCase) => {
    const execution = await run(testCase);
    options.onProgress?.(++runs);
    if (!shrinking) {
      fingerprints.add(execution.fingerprint);
      if (execution.undecided) undecidedRuns++;
    }
    if (execution.failure !== undefined) shrinking = true;
    return execution.failure === undefined;
  });
  const size = (testCase: Case<Command>): number => testCase.prefix.length + testCase.branches.reduce((sum, branch) => sum + branch.length, 0);

  /** One fast-check search, then shrinking again from its result until nothing smaller fails. */
  const search = async (seed: number | undefined, path: string | undefined) => {
    const details = await fc.check(property, {
      numRuns: options.numRuns,
      ...(seed === undefined ? {} : { seed }),
      ...(path === undefined ? {} : { path, endOnFailure: true }),
    });
    if (!details.failed || details.counterexample === null) return { details, found: undefined };
    let shrunk: Case<Command> = details.counterexample[0];
    let shrinks = details.numShrinks;
    // fast-check's shrinker keeps per-field contexts, so a field that could not shrink before another
    // one did is not tried again. Shrinking again from the result as a fresh example gives every
    // field another try; it stops when a pass finds nothing smaller.
    for (let pass = 0; pass < 5; pass++) {
      const again = await fc.check(property, { numRuns: 1, examples: [[shrunk]], seed: details.seed });
      if (!again.failed || again.counterexample === null || again.numShrinks === 0) break;
      shrinks += again.numShrinks;
      shrunk = again.counterexample[0] ?? shrunk;
    }
    const execution = await run(shrunk);
    if (execution.failure === undefined) {
      throw new Error(
        `the counterexample for ${implementation.name} on ${scenario.name} did not fail again when replayed: the implementation is not deterministic under the harness (does it await something other than step()?)`,
      );
    }
    const found: Counterexample<Command, Outcome> = { case: shrunk, execution, seed: details.seed, path: details.counterexamplePath ?? "", shrinks, runsToFailure: details.numRuns };
    return { details, found };
  };

  const first = await search(options.seed, options.path);
  const base = {
    scenario: scenario.name,
    implementation: { name: implementation.name, design: implementation.design, backend: implementation.backend, claim: implementation.claim },
    mode: options.mode,
    distinctInterleavings: fingerprints.size,
    undecidedRuns,
    seed: first.details.seed,
    runs: first.details.numRuns,
  };
  if (first.found === undefined) return { ...base, status: undecidedRuns > 0 ? "unknown" : "passed", durationMs: performance.now() - started };

  // Shrinking changes one thing at a time, so it can stop at a local minimum (two preemptions that
  // only help together). A few more independent searches, keeping the smallest result, get past it;
  // none is needed once the result is as small as a race can be.
  let best = first.found;
  if (options.path === undefined) {
    for (let extra = 1; extra <= EXTRA_SEARCHES && weight(best, size) > SMALLEST_RACE; extra++) {
      const { found } = await search(first.details.seed + extra, undefined);
      if (found !== undefined && weight(found, size) < weight(best, size)) best = found;
    }
  }
  return { ...base, status: "violated", durationMs: performance.now() - started, counterexample: best };
};

/** At most this many more failing searches run after the first one, to pick the smallest counterexample. */
const EXTRA_SEARCHES = 4;

const weight = <Command, Outcome>(found: Counterexample<Command, Outcome>, size: (testCase: Case<Command>) => number): number =>
  size(found.case) * 100 + found.execution.preemptions;

/** Two commands and one context switch (or a single command, or none), the weight of the smallest race. */
const SMALLEST_RACE = 2 * 100 + 1;
