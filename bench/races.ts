import type { BackendSession } from "../engine/backend.js";
import type { Case } from "../engine/random/check.js";
import type { Failure } from "../engine/failure.js";
import { backendNamed } from "../backends/index.js";
import { verify } from "../properties/verify.js";
import { knownBrokenPairs, type Pair } from "./pairs.js";
import type { Progress } from "./progress.js";
import { RunClock, type SearchSample } from "./samples.js";
import { type PairRaces, searchPairs } from "./search-pairs.js";

/** Figure 1 for one backend: every known-broken pair, searched from every seed. */
export interface RaceFigures {
  readonly backend: string;
  /** The backend session's own description, e.g. `in memory`. */
  readonly description: string;
  /** Random runs each check was given: the backend's default, capped to keep the bench short. */
  readonly runsPerCheck: number;
  /** What `invariant-lab verify` gives a check on this backend. */
  readonly defaultRuns: number;
  readonly pairs: ReadonlyArray<PairRaces>;
}

const caseSize = (testCase: Case<unknown>): number => testCase.prefix.length + testCase.branches.reduce((sum, branch) => sum + branch.length, 0);

const caughtBy = (failure: Failure | undefined): string | undefined =>
  failure === undefined ? undefined : failure.kind === "invariant" ? failure.invariant : failure.kind;

/** Not one of {@link seedList}'s seeds, which are multiples of 1000. */
const WARM_UP_SEED = 7;

/** One complete `check()` through the same entry point as `invariant-lab verify`. */
const engineSearch = async (pair: Pair, session: BackendSession, seed: number, numRuns: number): Promise<SearchSample> => {
  const clock = new RunClock();
  const verdict = await verify(pair.scenario, pair.implementation, session, { mode: "concurrent", seed, numRuns, onProgress: () => clock.tick() });
  const example = verdict.status === "violated" ? verdict.counterexample : undefined;
  return {
    seed,
    found: example !== undefined,
    // The verdict's runs are those of its first search: the random runs up to the first failure.
    runsToFailure: verdict.runs,
    msToFailure: example === undefined ? undefined : clock.at(verdict.runs),
    commands: example === undefined ? undefined : caseSize(example.case),
    preemptions: example?.execution.preemptions,
    totalMs: verdict.durationMs,
    totalRuns: clock.runs(),
    caughtBy: caughtBy(example?.execution.failure),
  };
};

/**
 * Figure 1: every known-broken pair of the catalogue on `backendName`, checked in concurrent mode
 * once per seed. Pairs added to the catalogue later appear without changes here; another backend
 * (PostgreSQL) is one more call with its name.
 */
export const measureRaces = async (backendName: string, seeds: ReadonlyArray<number>, maxRuns: number, progress: Progress): Promise<RaceFigures> => {
  const backend = backendNamed(backendName);
  if (backend === undefined) throw new Error(`no backend named ${backendName}`);
  const numRuns = Math.min(maxRuns, backend.defaultRuns);
  const session = await backend.start();
  try {
    const search = (pair: Pair, seed: number) => engineSearch(pair, session, seed, numRuns);
    const known = knownBrokenPairs(backendName);
    // One unmeasured check first, so that loading and JIT warm-up do not land on the first pair's figures.
    const first = known[0];
    if (first !== undefined) await search(first, WARM_UP_SEED);
    const pairs = await searchPairs(`engine · ${backendName}`, known, seeds, numRuns, search, progress);
    return { backend: backendName, description: session.description, runsPerCheck: numRuns, defaultRuns: backend.defaultRuns, pairs };
  } finally {
    await session.stop();
  }
};
