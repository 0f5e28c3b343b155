import type { BackendSession } from "../engine/backend.js";
import type { Execution } from "../engine/execute.js";
import { failureClass } from "../engine/exhaustive/explore-program.js";
import { programSize } from "../engine/program.js";
import type { Strategy } from "../engine/schedule/strategy.js";
import { verify } from "../properties/verify.js";
import { RunClock } from "./samples.js";
import type { Search } from "./search-pairs.js";

/** How the engine is asked to search. */
export interface EngineSearchOptions {
  readonly session: BackendSession;
  readonly numRuns: number;
  readonly strategy?: Strategy;
  /**
   * false: the check's first search alone, stopped at its first failure and not shrunk, which is
   * what finding the race costs. Default true: the whole check.
   */
  readonly shrink?: boolean;
  /** Sees every run, with the time since the previous one ended (generating its case included). */
  readonly onRun?: (execution: Execution<unknown, unknown>, ms: number) => void;
}

/**
 * One check through `verify()`, the path `invariant-lab verify` takes (search, shrinking, the extra
 * searches), timed run by run so that the time to the first failure can be read.
 */
export const engineSearch =
  ({ session, numRuns, strategy, shrink = true, onRun }: EngineSearchOptions): Search =>
  async (pair, seed) => {
    const clock = new RunClock();
    const verdict = await verify(pair.scenario, pair.implementation, session, {
      mode: "concurrent",
      seed,
      numRuns,
      shrink,
      ...(strategy === undefined ? {} : { strategy }),
      onRun: (execution) => {
        // Every run is timed, whether or not the caller watches: the time to the first failure reads the clock.
        const lap = clock.tick();
        onRun?.(execution, lap);
      },
    });
    const example = verdict.status === "violated" ? verdict.counterexample : undefined;
    const failure = example?.execution.failure;
    // An unshrunk counterexample's size measures the generator, not the check: it is left out.
    const shrunk = shrink ? example : undefined;
    return {
      seed,
      found: example !== undefined,
      // The verdict's runs are those of its first search: the random runs up to the first failure.
      runsToFailure: verdict.runs,
      msToFailure: example === undefined ? undefined : clock.at(verdict.runs),
      commands: shrunk === undefined ? undefined : programSize(shrunk.case),
      preemptions: shrunk?.execution.preemptions,
      totalMs: verdict.durationMs,
      totalRuns: clock.runs(),
      caughtBy: failure === undefined ? undefined : failureClass(failure),
    };
  };
