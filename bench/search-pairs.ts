import { percent, runs } from "./format.js";
import { type Pair, pairTitle } from "./pairs.js";
import type { Progress, Step } from "./progress.js";
import { type SearchSample, type SearchSummary, summarize } from "./samples.js";

/** One known-broken pair searched from every seed by one searcher (the engine or a baseline). */
export interface PairRaces {
  readonly pair: Pair;
  readonly samples: ReadonlyArray<SearchSample>;
  readonly summary: SearchSummary;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";

/** A search that throws costs its seed, not the whole bench: the report counts it as an error. */
const searchOrError = async (search: (pair: Pair, seed: number) => Promise<SearchSample>, pair: Pair, seed: number, step: Step): Promise<SearchSample> => {
  const started = performance.now();
  try {
    return await search(pair, seed);
  } catch (error) {
    step.note(`seed ${seed}: the search threw: ${errorText(error)}`);
    const failed: SearchSample = {
      seed,
      found: false,
      runsToFailure: 0,
      msToFailure: undefined,
      commands: undefined,
      preemptions: undefined,
      totalMs: performance.now() - started,
      totalRuns: 0,
      caughtBy: undefined,
      error: errorText(error),
    };
    return failed;
  }
};

/** Runs `search` for every pair and seed, one at a time: concurrent searches would skew each other's timings. */
export const searchPairs = async (
  searcher: string,
  pairs: ReadonlyArray<Pair>,
  seeds: ReadonlyArray<number>,
  /** The random runs each search is given, for the progress line. */
  numRuns: number,
  search: (pair: Pair, seed: number) => Promise<SearchSample>,
  progress: Progress,
): Promise<ReadonlyArray<PairRaces>> => {
  const results: PairRaces[] = [];
  for (const pair of pairs) {
    const step = progress(`${searcher} · ${pairTitle(pair)}`, seeds.length);
    const samples: SearchSample[] = [];
    for (const seed of seeds) {
      samples.push(await searchOrError(search, pair, seed, step));
      step.tick(samples.length);
    }
    const summary = summarize(samples);
    step.done(
      `found ${summary.found}/${summary.seeds}${summary.errors === 0 ? "" : ` (${summary.errors} threw)`}, median ${runs(summary.runsMedian, numRuns)} runs to failure, ${percent(summary.twoCommands)} at 2 commands, ${percent(summary.atMinimum)} at the minimum`,
    );
    results.push({ pair, samples, summary });
  }
  return results;
};
