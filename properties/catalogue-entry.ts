import type { Mode } from "../engine/random/check.js";
import type { AnyImplementation } from "../engine/implementation.js";

export type Expected = "passed" | "violated";

/** A built-in design and the verdict it must get: known-broken designs are part of the evidence. */
export interface CatalogueEntry {
  readonly implementation: AnyImplementation;
  readonly expected: Readonly<Record<Mode, Expected>>;
  /** Why the design is broken, in one line, for the verdict table. */
  readonly because?: string;
  /** Only these scenarios of its family (default: all of them). */
  readonly scenarios?: ReadonlyArray<string>;
}

export const correct = { sequential: "passed", concurrent: "passed" } as const;
export const racy = { sequential: "passed", concurrent: "violated" } as const;
