import type { AnyImplementation } from "../engine/implementation.js";
import { type DescribeClaimsOptions, registerClaims } from "./describe-claims.js";

/**
 * vitest's API, loaded only inside a vitest run (which sets `VITEST`): importing invariant-lab
 * elsewhere (plain Node, the CLI, another test runner) neither needs vitest installed nor loads it.
 */
const vitest = process.env.VITEST === undefined ? undefined : await import("vitest").catch(() => undefined);

/**
 * One vitest `describe` per design, and in it one test per scenario × mode, named
 * `<scenario> · <mode>`, each an {@link assertClaim} of that one check, all on one session of the
 * design's backend. Call it at the top level of a test file:
 *
 * @example
 * ```ts
 * import { describeClaims } from "invariant-lab";
 * import { ourDesign } from "./our-design.js";
 *
 * describeClaims(ourDesign, { modes: ["concurrent"], numRuns: 500 });
 * ```
 *
 * Returns the tests' full names. With another test runner, {@link registerClaims} takes its API.
 */
export const describeClaims = (designs: AnyImplementation | ReadonlyArray<AnyImplementation>, options: DescribeClaimsOptions = {}): ReadonlyArray<string> => {
  if (vitest === undefined)
    throw new Error("describeClaims registers vitest tests: call it in a test file that vitest runs (with another runner, pass its API to registerClaims)");
  return registerClaims(vitest, designs, options);
};
