import type { Execution } from "../execute.js";
import type { DesignHeader } from "../implementation.js";
import type { Case, Mode } from "./case.js";

/** The smallest failing case a random search found, executed once more to draw its timeline. */
export interface Counterexample<Command, Outcome> {
  readonly case: Case<Command>;
  readonly execution: Execution<Command, Outcome>;
  /** With `path`, replays this counterexample directly: the seed of the search that found it (see `extraSearch`). */
  readonly seed: number;
  readonly path: string;
  readonly shrinks: number;
  /**
   * Random runs from the check's own seed to its first failure, before shrinking: the same figure
   * whichever search gave the reported counterexample, so that it says how hard the failure was to meet.
   */
  readonly runsToFailure: number;
  /**
   * 0: the search at the check's seed gave this counterexample. k ≥ 1: the k-th extra search, at
   * the verdict's seed + k, found a smaller one; `seed` and `path` are that search's and replay it.
   */
  readonly extraSearch: number;
}

/** The outcome of a random check of one design on one scenario in one mode. */
export interface Verdict<Command = unknown, Outcome = unknown> {
  readonly scenario: string;
  readonly implementation: DesignHeader;
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
