import { backendNamed } from "../backends/index.js";
import { engineSearch } from "./engine-search.js";
import { knownBrokenPairs } from "./pairs.js";
import type { Progress } from "./progress.js";
import { type PairRaces, searchPairs } from "./search-pairs.js";

/** Figure 1 for one backend: every known-broken pair, searched from every seed. */
export interface RaceFigures {
  readonly backend: string;
  /** Random runs each check was given: the backend's default, capped to keep the bench short. */
  readonly runsPerCheck: number;
  /** What `invariant-lab verify` gives a check on this backend. */
  readonly defaultRuns: number;
  readonly pairs: ReadonlyArray<PairRaces>;
}

/** Not one of {@link seedList}'s seeds, which are multiples of 1000. */
const WARM_UP_SEED = 7;

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
    const search = engineSearch({ session, numRuns });
    const known = knownBrokenPairs(backendName);
    // One unmeasured check first, so that loading and JIT warm-up do not land on the first pair's figures.
    const first = known[0];
    if (first !== undefined) await search(first, WARM_UP_SEED);
    const pairs = await searchPairs(`engine · ${backendName}`, known, seeds, numRuns, search, progress);
    return { backend: backendName, runsPerCheck: numRuns, defaultRuns: backend.defaultRuns, pairs };
  } finally {
    await session.stop();
  }
};
