import type { Execution } from "../execute.js";
import type { DesignHeader } from "../implementation.js";
import type { Case, Mode } from "./case.js";

/** The smallest failing case a random search found, executed once more to draw its timeline. */
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
