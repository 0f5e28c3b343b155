import type { Mode } from "../engine/random/check.js";
import type { AnyImplementation } from "../engine/implementation.js";

export type Expected = "passed" | "violated";

/** The size of a smallest counterexample: commands in all (prefix and branches) and context switches. */
export interface MinimalCounterexample {
  readonly commands: number;
  readonly preemptions: number;
}

/** Two commands and one context switch between a read and the write that depends on it: the smallest race. */
export const twoCommandsOnePreemption: MinimalCounterexample = { commands: 2, preemptions: 1 };

/** A built-in design and the verdict it must get: known-broken designs are part of the evidence. */
export interface CatalogueEntry {
  readonly implementation: AnyImplementation;
  readonly expected: Readonly<Record<Mode, Expected>>;
  /** Why the design is broken, in one line, for the verdict table. */
  readonly because?: string;
  /**
   * The smallest counterexample of a known-broken design, stated by every one of them: exhaustive mode
   * finds it by construction, and random mode's shrinking must reach it in memory and on PostgreSQL.
   */
  readonly minimal?: MinimalCounterexample;
  /** Only these scenarios of its family (default: all of them). */
  readonly scenarios?: ReadonlyArray<string>;
}

export const correct = { sequential: "passed", concurrent: "passed" } as const;
export const racy = { sequential: "passed", concurrent: "violated" } as const;
