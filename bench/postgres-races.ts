import type { BackendSession } from "../engine/backend.js";
import type { Case } from "../engine/random/check.js";
import type { ExecuteOptions } from "../engine/execute.js";
import { verify } from "../properties/verify.js";
import { knownBrokenPairs, type Pair, pairTitle } from "./pairs.js";
import { addTally, caughtBy, emptyTally, search, type Tally } from "./postgres-run.js";
import type { Progress } from "./progress.js";
import { median, worst } from "./stats.js";

/** One seed's search for the race, stopped at the first failure, not shrunk. */
export interface Detection {
  readonly seed: number;
  readonly found: boolean;
  readonly runs: number;
  readonly ms: number;
  readonly caughtBy: string | undefined;
  readonly error?: string;
}

/** One seed's complete `verify()`: search, shrinking, the extra searches. */
export interface Shrunk {
  readonly seed: number;
  readonly found: boolean;
  readonly commands: number | undefined;
  readonly preemptions: number | undefined;
  /** The verdict's runs: its first search's, up to the first failure. */
  readonly runsToFailure: number;
  readonly totalRuns: number;
  readonly ms: number;
  readonly error?: string;
}

export interface PairRaceFigures {
  readonly pair: Pair;
  readonly detections: ReadonlyArray<Detection>;
  readonly shrunk: ReadonlyArray<Shrunk>;
  /** Over every seed; a seed that found nothing counts as Infinity. */
  readonly runsMedian: number | undefined;
  readonly runsWorst: number | undefined;
  readonly msMedian: number | undefined;
  readonly msWorst: number | undefined;
  /** Every run of the detection searches. */
  readonly tally: Tally;
}

export interface PostgresRaceFigures {
  readonly seeds: ReadonlyArray<number>;
  /** Random runs each detection search was given. */
  readonly maxRuns: number;
  /** The seeds also checked through a full `verify()`, with the backend's default runs. */
  readonly shrinkSeeds: ReadonlyArray<number>;
  readonly verifyRuns: number;
  readonly pairs: ReadonlyArray<PairRaceFigures>;
  /** Seeds whose `verify()` found the race at the same run as the detection search of that seed, of those both found. */
  readonly agreement: { readonly same: number; readonly compared: number };
}

/**
 * Ten seeds per pair (1000 … 10000, as section 1 numbers them); the first two also go through a
 * full `verify()`. A detection search is given 150 runs: more than twice the 60 that `verify` gives a
 * check on PostgreSQL, so that a race merely slow to find is told from one that is missed.
 */
export const DETECTION_SEEDS: ReadonlyArray<number> = Array.from({ length: 10 }, (_unused, index) => 1_000 * (index + 1));
export const SHRINK_SEEDS = 2;
export const MAX_DETECTION_RUNS = 150;

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";

const caseSize = (testCase: Case<unknown>): number => testCase.prefix.length + testCase.branches.reduce((sum, branch) => sum + branch.length, 0);

const shrinkOne = async (pair: Pair, session: BackendSession, seed: number): Promise<Shrunk> => {
  let totalRuns = 0;
  const started = performance.now();
  try {
    const verdict = await verify(pair.scenario, pair.implementation, session, { mode: "concurrent", seed, onProgress: (runs) => (totalRuns = runs) });
    const example = verdict.status === "violated" ? verdict.counterexample : undefined;
    return {
      seed,
      found: example !== undefined,
      commands: example === undefined ? undefined : caseSize(example.case),
      preemptions: example?.execution.preemptions,
      runsToFailure: verdict.runs,
      totalRuns,
      ms: verdict.durationMs,
    };
  } catch (error) {
    return { seed, found: false, commands: undefined, preemptions: undefined, runsToFailure: 0, totalRuns, ms: performance.now() - started, error: errorText(error) };
  }
};

/**
 * Figure 2: every catalogue design on PostgreSQL with `expected.concurrent === "violated"`, on each
 * scenario the catalogue gives it. Detection: the concurrent property under `fc.check` with
 * `endOnFailure`, from every seed. Shrinking: `verify()`, the path `invariant-lab verify` takes.
 */
export const measurePostgresRaces = async (session: BackendSession, options: ExecuteOptions, verifyRuns: number, progress: Progress): Promise<PostgresRaceFigures> => {
  const pairs: PairRaceFigures[] = [];
  const shrinkSeeds = DETECTION_SEEDS.slice(0, SHRINK_SEEDS);
  let same = 0;
  let compared = 0;
  for (const pair of knownBrokenPairs("postgres")) {
    const step = progress(`postgres · races · ${pairTitle(pair)}`, DETECTION_SEEDS.length + shrinkSeeds.length);
    const tally = emptyTally();
    const detections: Detection[] = [];
    for (const seed of DETECTION_SEEDS) {
      const started = performance.now();
      try {
        const found = await search(pair, options, seed, MAX_DETECTION_RUNS, true);
        addTally(tally, found.tally);
        detections.push({ seed, found: found.failed, runs: found.runs, ms: found.ms, caughtBy: caughtBy(found.failure) });
      } catch (error) {
        step.note(`seed ${seed}: the search threw: ${errorText(error)}`);
        detections.push({ seed, found: false, runs: 0, ms: performance.now() - started, caughtBy: undefined, error: errorText(error) });
      }
      step.tick(detections.length);
    }
    const shrunk: Shrunk[] = [];
    for (const seed of shrinkSeeds) {
      const result = await shrinkOne(pair, session, seed);
      if (result.error !== undefined) step.note(`seed ${seed}: verify() threw: ${result.error}`);
      shrunk.push(result);
      const detection = detections.find((candidate) => candidate.seed === seed);
      if (result.found && detection?.found === true) {
        compared++;
        if (detection.runs === result.runsToFailure) same++;
      }
      step.tick(detections.length + shrunk.length);
    }
    const runs = detections.map((detection) => (detection.found ? detection.runs : Infinity));
    const ms = detections.map((detection) => (detection.found ? detection.ms : Infinity));
    const figures: PairRaceFigures = { pair, detections, shrunk, runsMedian: median(runs), runsWorst: worst(runs), msMedian: median(ms), msWorst: worst(ms), tally };
    const found = detections.filter((detection) => detection.found).length;
    const sizes = shrunk.map((result) => (result.found ? `${result.commands} cmd + ${result.preemptions} pre` : "not found")).join(", ");
    step.done(
      `found ${found}/${detections.length}, median ${figures.runsMedian} runs / ${((figures.msMedian ?? Infinity) / 1000).toFixed(1)} s to failure, worst ${figures.runsWorst} runs; verify(): ${sizes}`,
    );
    pairs.push(figures);
  }
  return { seeds: DETECTION_SEEDS, maxRuns: MAX_DETECTION_RUNS, shrinkSeeds, verifyRuns, pairs, agreement: { same, compared } };
};
