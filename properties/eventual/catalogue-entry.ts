import type { FaultKind } from "../../engine/eventual/faults.js";
import type { AnyEventualImplementation } from "../../engine/eventual/port.js";
import type { Mode } from "../../engine/random/case.js";
import type { Expected } from "../catalogue-entry.js";

/** The smallest counterexample of a broken eventually-consistent design: requests, and the faults it needs by kind. */
export interface MinimalEventualCounterexample {
  readonly requests: number;
  readonly faults: ReadonlyArray<FaultKind>;
}

/**
 * A built-in eventually-consistent design and the verdicts it must get: per mode with faults, and
 * without faults (a design broken only by a fault passes fault-free runs).
 */
export interface EventualCatalogueEntry {
  readonly implementation: AnyEventualImplementation;
  readonly expected: Readonly<Record<Mode, Expected>>;
  /** The verdict of fault-free runs in both modes, when it differs from `expected`. */
  readonly faultFree?: Expected;
  /** Why the design is broken, in one line, for the verdict table. */
  readonly because?: string;
  readonly minimal?: MinimalEventualCounterexample;
  /** Only these scenarios of its family (default: all of them). */
  readonly scenarios?: ReadonlyArray<string>;
}

export const settlesCorrectly = { sequential: "passed", concurrent: "passed" } as const;
export const brokenAlways = { sequential: "violated", concurrent: "violated" } as const;
