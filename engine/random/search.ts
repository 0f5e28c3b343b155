import fc from "fast-check";
import type { Execution } from "../execute.js";
import type { RunSettings } from "../settings.js";
import type { Case } from "./case.js";

/** What the runs of a check saw: distinct interleavings and undecided runs before the first failure. */
export class RunTally<Command, Outcome> {
  readonly fingerprints = new Set<string>();
  undecidedRuns = 0;
  runs = 0;
  /** The latest failing run: with `shrink: false`, the counterexample as found. */
  lastFailure: Execution<Command, Outcome> | undefined;
  /** Set at the first failure: runs after it (shrinking, further searches) do not count as coverage. */
  private shrinking = false;

  record(execution: Execution<Command, Outcome>): void {
    this.runs++;
    if (!this.shrinking) {
      this.fingerprints.add(execution.fingerprint);
      if (execution.undecided) this.undecidedRuns++;
    }
    if (execution.failure !== undefined) {
      this.shrinking = true;
      this.lastFailure = execution;
    }
  }
}

/** The property every search of a check shares: a case passes when its run finds no failure. */
export const caseProperty = <Command, Outcome>(
  cases: fc.Arbitrary<Case<Command>>,
  run: (testCase: Case<Command>) => Promise<Execution<Command, Outcome>>,
  tally: RunTally<Command, Outcome>,
  settings: Pick<RunSettings<Command, Outcome>, "onProgress" | "onRun">,
): fc.IAsyncPropertyWithHooks<[Case<Command>]> =>
  fc.asyncProperty(cases, async (testCase) => {
    const execution = await run(testCase);
    tally.record(execution);
    settings.onProgress?.(tally.runs);
    settings.onRun?.(execution, testCase);
    return execution.failure === undefined;
  });

/**
 * One fast-check search: `numRuns` random cases from `seed` (or straight to `path`), then fast-check's
 * shrinking of the first failure, unless `shrink` is off.
 */
export const searchOnce = <Command>(
  property: fc.IAsyncPropertyWithHooks<[Case<Command>]>,
  settings: Pick<RunSettings, "numRuns" | "shrink">,
  seed: number | undefined,
  path: string | undefined,
): Promise<fc.RunDetails<[Case<Command>]>> =>
  fc.check(property, {
    numRuns: settings.numRuns,
    ...(seed === undefined ? {} : { seed }),
    ...(path === undefined ? {} : { path }),
    ...(path === undefined && settings.shrink ? {} : { endOnFailure: true }),
  });
