import { type Backend, type BlockingProbe, lendEnvironment, type LeaseSource } from "./backend.js";
import type { Execution } from "./execute.js";
import { DEFAULT_LINEARIZABILITY_BUDGET } from "./linearizability.js";
import type { Case } from "./random/case.js";
import { DEFAULT_STRATEGY, strategyNames } from "./schedule/strategies.js";
import type { Strategy } from "./schedule/strategy.js";

/** What a backend supplies when the caller does not say: runs per check and the per-run time limit. */
export type RunDefaults = Pick<Backend, "defaultRuns" | "timeLimitMs">;

/**
 * Every setting of a check, resolved and validated once by {@link resolveRunSettings}: what `check()`
 * and `prove()` read, and (a subset) what `execute()` reads for one run.
 */
export interface RunSettings<Command = unknown, Outcome = unknown> {
  /** Per-run limit in milliseconds; a run that exceeds it is reported as hung. Default: the backend's. */
  readonly timeLimitMs: number;
  /** Random runs per search (random mode). Default: the backend's `defaultRuns`. */
  readonly numRuns: number;
  /** The random seed (random mode); undefined: fast-check draws one, and the verdict reports it. */
  readonly seed: number | undefined;
  /** With `seed`, replays a reported counterexample straight away (random mode). */
  readonly path: string | undefined;
  /** How random mode interleaves concurrent runs. Default `preemptions`. */
  readonly strategy: Strategy;
  /**
   * Search states the linearizability check of one run may visit; a run that needs more is
   * undecided, and a check with undecided runs and no failure is `unknown`. Default 200 000.
   */
  readonly linearizabilityBudget: number;
  /** The backend's lock probe, from its session. */
  readonly probe: BlockingProbe | undefined;
  /** Lends every run what `create` receives besides the configuration: the session's `beginRun`. Default: `{}`. */
  readonly beginRun: LeaseSource;
  /**
   * Random mode. true (default): shrink the first failing case, then search a few more seeds for a
   * smaller one. false: stop at the first failing run and report it as it was found.
   */
  readonly shrink: boolean;
  /** Called after every run with the number so far (random mode: runs, shrinking included; exhaustive mode: executions). */
  readonly onProgress: ((count: number) => void) | undefined;
  /** Random mode: called after every run fast-check asks for (shrinking included), with the case it ran. */
  readonly onRun: ((execution: Execution<Command, Outcome>, testCase: Case<Command>) => void) | undefined;
}

/** What a caller may set; {@link resolveRunSettings} fills in the rest. */
export type RunOptions<Command = unknown, Outcome = unknown> = Partial<RunSettings<Command, Outcome>>;

const positiveInteger = (name: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, not ${value}`);
  return value;
};

/**
 * Resolves a caller's options against a backend's defaults into complete settings, and rejects
 * what no check could run with (a time limit of 0, a path without its seed, an unknown strategy).
 */
export const resolveRunSettings = <Command = unknown, Outcome = unknown>(
  defaults: RunDefaults,
  options: RunOptions<Command, Outcome> = {},
): RunSettings<Command, Outcome> => {
  const timeLimitMs = options.timeLimitMs ?? defaults.timeLimitMs;
  if (!(timeLimitMs > 0 && Number.isFinite(timeLimitMs))) throw new RangeError(`timeLimitMs must be a positive number of milliseconds, not ${timeLimitMs}`);
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) throw new RangeError(`seed must be an integer, not ${options.seed}`);
  if (options.path !== undefined && options.seed === undefined) throw new RangeError("path replays a counterexample and needs the seed reported beside it");
  const strategy = options.strategy ?? DEFAULT_STRATEGY;
  if (!strategyNames.includes(strategy)) throw new RangeError(`unknown strategy "${String(strategy)}"; strategies: ${strategyNames.join(", ")}`);
  return {
    timeLimitMs,
    numRuns: positiveInteger("numRuns", options.numRuns ?? defaults.defaultRuns),
    seed: options.seed,
    path: options.path,
    strategy,
    linearizabilityBudget: positiveInteger("linearizabilityBudget", options.linearizabilityBudget ?? DEFAULT_LINEARIZABILITY_BUDGET),
    probe: options.probe,
    beginRun: options.beginRun ?? lendEnvironment(),
    shrink: options.shrink ?? true,
    onProgress: options.onProgress,
    onRun: options.onRun,
  };
};
