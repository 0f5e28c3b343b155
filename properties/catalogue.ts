import type { Mode } from "../engine/check.js";
import type { AnyImplementation } from "../engine/implementation.js";
import { naiveAssignment } from "../implementations/memory/assignment-naive.js";
import { registryAssignment } from "../implementations/memory/assignment-registry.js";
import { unitOfWorkAssignment } from "../implementations/memory/assignment-unit-of-work.js";
import { versionedPerAggregateAssignment } from "../implementations/memory/assignment-versioned-per-aggregate.js";

export type Expected = "passed" | "violated";

/** A built-in design and the verdict it must get: known-broken designs are part of the evidence. */
export interface CatalogueEntry {
  readonly implementation: AnyImplementation;
  readonly expected: Readonly<Record<Mode, Expected>>;
  /** Why the design is broken, in one line, for the verdict table. */
  readonly because?: string;
}

const correct = { sequential: "passed", concurrent: "passed" } as const;
const racy = { sequential: "passed", concurrent: "violated" } as const;

export const catalogue: ReadonlyArray<CatalogueEntry> = [
  { implementation: naiveAssignment, expected: racy, because: "a concurrent save overwrites the container another command just saved" },
  { implementation: versionedPerAggregateAssignment, expected: racy, because: "a conflict on the second aggregate leaves the first one's save applied" },
  { implementation: unitOfWorkAssignment, expected: correct },
  { implementation: registryAssignment, expected: correct },
];
