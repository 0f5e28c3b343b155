import fc from "fast-check";
import { type EventualCase, requestCount } from "./case.js";
import type { Refusals } from "./judge.js";
import type { EventualExecution } from "./run.js";

/** At most this many fresh shrinks after fast-check's own (see `random/reshrink.ts`). */
const RESHRINK_PASSES = 3;
/** Independent searches after the first failing one, to get past a local minimum of shrinking. */
const EXTRA_SEARCHES = 1;

/** Requests first, then faults, then switches: a counterexample with fewer requests is smaller whatever its faults. */
const weight = <Command, Outcome>(testCase: EventualCase<Command>, execution: EventualExecution<Command, Outcome>): number =>
  requestCount(testCase) * 1_000 + execution.faultsApplied.length * 100 + execution.switches;

export interface Found<Command, Outcome> {
  readonly case: EventualCase<Command>;
  readonly execution: EventualExecution<Command, Outcome>;
  readonly seed: number;
  readonly path: string;
  readonly shrinks: number;
  readonly runsToFailure: number;
}

export interface SearchResult<Command, Outcome> {
  readonly found: Found<Command, Outcome> | undefined;
  readonly runs: number;
  readonly fingerprints: number;
  readonly undecidedRuns: number;
  readonly refusals: Refusals;
  readonly seed: number;
}

/**
 * fast-check's search over generated cases, then its shrinking, repeated from the result while it
 * still shrinks, and a couple of searches from the next seeds: the smallest failure wins. Coverage
 * (distinct interleavings, refusals) counts only the runs before the first failure.
 */
export const searchCases = async <Command, Outcome>(
  cases: fc.Arbitrary<EventualCase<Command>>,
  run: (testCase: EventualCase<Command>) => Promise<EventualExecution<Command, Outcome>>,
  settings: { readonly numRuns: number; readonly seed?: number; readonly path?: string },
): Promise<SearchResult<Command, Outcome>> => {
  const fingerprints = new Set<string>();
  let runs = 0;
  let undecidedRuns = 0;
  let refused = 0;
  let spurious = 0;
  let failed = false;
  const property = fc.asyncProperty(cases, async (testCase) => {
    const execution = await run(testCase);
    if (!failed) {
      runs++;
      fingerprints.add(execution.fingerprint);
      if (execution.undecided) undecidedRuns++;
      refused += execution.refusals.refused;
      spurious += execution.refusals.spurious;
    }
    if (execution.failure !== undefined) failed = true;
    return execution.failure === undefined;
  });
  const once = async (
    seed: number | undefined,
    path: string | undefined,
  ): Promise<{ readonly details: fc.RunDetails<[EventualCase<Command>]>; readonly found: Found<Command, Outcome> | undefined }> => {
    const details = await fc.check(property, { numRuns: settings.numRuns, ...(seed === undefined ? {} : { seed }), ...(path === undefined ? {} : { path }) });
    if (!details.failed || details.counterexample === null) return { details, found: undefined };
    let shrunk = details.counterexample[0];
    let shrinks = details.numShrinks;
    for (let pass = 0; pass < RESHRINK_PASSES && path === undefined; pass++) {
      const again = await fc.check(property, { numRuns: 1, examples: [[shrunk]], seed: details.seed });
      if (!again.failed || again.counterexample === null || again.numShrinks === 0) break;
      shrinks += again.numShrinks;
      shrunk = again.counterexample[0] ?? shrunk;
    }
    const execution = await run(shrunk);
    return { details, found: { case: shrunk, execution, seed: details.seed, path: details.counterexamplePath ?? "", shrinks, runsToFailure: details.numRuns } };
  };
  const first = await once(settings.seed, settings.path);
  let best = first.found;
  for (let extra = 1; best !== undefined && settings.path === undefined && extra <= EXTRA_SEARCHES; extra++) {
    const other = (await once(first.details.seed + extra, undefined)).found;
    if (other !== undefined && other.execution.failure !== undefined && weight(other.case, other.execution) < weight(best.case, best.execution)) best = other;
  }
  return { found: best, runs, fingerprints: fingerprints.size, undecidedRuns, refusals: { refused, spurious }, seed: first.details.seed };
};
