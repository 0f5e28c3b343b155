import type { BackendSession } from "../engine/backend.js";
import { engineSearch } from "./engine-search.js";
import { knownBrokenPairs, type Pair, pairTitle } from "./pairs.js";
import type { Progress } from "./progress.js";
import { seedList } from "./samples.js";
import type { ServerScale } from "./server-bench.js";
import { type PairRaces, searchSeeds } from "./search-pairs.js";
import { emptyTally, type Tally, tallyRun } from "./server-run.js";

/** One known race on a server: found from every seed, then shrunk from the first few. */
export interface PairRaceFigures {
  readonly pair: Pair;
  /** Searches stopped at the first failure, not shrunk. */
  readonly detection: PairRaces;
  /** Full `verify()` checks: search, shrinking, the extra searches. */
  readonly shrunk: PairRaces;
  /** Every run of the detection searches. */
  readonly tally: Tally;
}

export interface ServerRaceFigures {
  readonly seeds: ReadonlyArray<number>;
  /** Random runs each detection search was given. */
  readonly maxRuns: number;
  /** The seeds also checked through a full `verify()`, with the backend's default runs. */
  readonly shrinkSeeds: ReadonlyArray<number>;
  readonly verifyRuns: number;
  readonly pairs: ReadonlyArray<PairRaceFigures>;
}

/**
 * Runs a detection search is given: more than `verify` gives a check on a server, so that a race
 * merely slow to find is told from one that is missed. Its seeds are numbered as section 1 numbers
 * them; the first few also go through a full `verify()`.
 */
export const MAX_DETECTION_RUNS = 150;

/**
 * Figure 2: every catalogue design on `backend` with `expected.concurrent === "violated"`, on each
 * scenario the catalogue gives it. Detection: the check's first search with `shrink: false`, from
 * every seed. Shrinking: `verify()`, the path `invariant-lab verify` takes.
 */
export const measureServerRaces = async (
  backend: string,
  session: BackendSession,
  verifyRuns: number,
  scale: ServerScale,
  progress: Progress,
): Promise<ServerRaceFigures> => {
  const seeds = seedList(scale.detectionSeeds);
  const shrinkSeeds = seeds.slice(0, scale.shrinkSeeds);
  const pairs: PairRaceFigures[] = [];
  for (const pair of knownBrokenPairs(backend)) {
    const tally = emptyTally();
    const detect = engineSearch({ session, numRuns: MAX_DETECTION_RUNS, shrink: false, onRun: (execution, ms) => tallyRun(tally, execution, ms) });
    const detection = await searchSeeds(`${backend} · detection · ${pairTitle(pair)}`, pair, seeds, MAX_DETECTION_RUNS, detect, progress);
    const shrunk = await searchSeeds(
      `${backend} · verify() · ${pairTitle(pair)}`,
      pair,
      shrinkSeeds,
      verifyRuns,
      engineSearch({ session, numRuns: verifyRuns }),
      progress,
    );
    pairs.push({ pair, detection, shrunk, tally });
  }
  return { seeds, maxRuns: MAX_DETECTION_RUNS, shrinkSeeds, verifyRuns, pairs };
};
