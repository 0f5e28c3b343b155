import type { Mode } from "../engine/check.js";
import type { AnyImplementation } from "../engine/implementation.js";
import { naiveAssignment } from "../implementations/memory/assignment-naive.js";
import { registryAssignment } from "../implementations/memory/assignment-registry.js";
import { unitOfWorkAssignment, unitOfWorkUncheckedRefusals } from "../implementations/memory/assignment-unit-of-work.js";
import { versionedPerAggregateAssignment } from "../implementations/memory/assignment-versioned-per-aggregate.js";

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

const correct = { sequential: "passed", concurrent: "passed" } as const;
const racy = { sequential: "passed", concurrent: "violated" } as const;

export const catalogue: ReadonlyArray<CatalogueEntry> = [
  { implementation: naiveAssignment, expected: racy, because: "a concurrent save overwrites the container another command just saved" },
  { implementation: versionedPerAggregateAssignment, expected: racy, because: "a conflict on the second aggregate leaves the first one's save applied" },
  { implementation: unitOfWorkAssignment, expected: correct },
  {
    implementation: unitOfWorkUncheckedRefusals,
    expected: racy,
    because: "a refusal decided on two loads taken at different moments (read skew)",
    // With a member limit of 2 the race needs four commands (two to fill the member first), which
    // random search finds only after about a thousand runs; the limit-1 scenarios show it in three.
    scenarios: ["cell-allocation", "lamp-socket"],
  },
  { implementation: registryAssignment, expected: correct },
];
