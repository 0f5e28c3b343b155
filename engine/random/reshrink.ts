import fc from "fast-check";
import type { Case } from "./case.js";

/** At most this many fresh shrinks after fast-check's own. */
const PASSES = 5;

/**
 * fast-check's shrinker keeps per-field contexts, so a field that could not shrink before another
 * one did is not tried again. Shrinking again from the result as a fresh example gives every field
 * another try; it stops when a pass finds nothing smaller.
 */
export const shrinkFurther = async <Command>(
  property: fc.IAsyncPropertyWithHooks<[Case<Command>]>,
  counterexample: Case<Command>,
  shrinks: number,
  seed: number,
): Promise<{ readonly shrunk: Case<Command>; readonly shrinks: number }> => {
  let shrunk = counterexample;
  let total = shrinks;
  for (let pass = 0; pass < PASSES; pass++) {
    const again = await fc.check(property, { numRuns: 1, examples: [[shrunk]], seed });
    if (!again.failed || again.counterexample === null || again.numShrinks === 0) break;
    total += again.numShrinks;
    shrunk = again.counterexample[0] ?? shrunk;
  }
  return { shrunk, shrinks: total };
};
