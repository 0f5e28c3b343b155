import { percent, runs } from "./format.js";
import { type Pair, pairTitle } from "./pairs.js";
import type { Progress } from "./progress.js";
import { type SearchSample, type SearchSummary, summarize, thrownSample } from "./samples.js";

/** One known-broken pair searched from every seed by one searcher (the engine or a baseline). */
export interface PairRaces {
  readonly pair: Pair;
  readonly samples: ReadonlyArray<SearchSample>;
  readonly summary: SearchSummary;
}

/** A search of one pair from one seed. */
export type Search = (pair: Pair, seed: number) => Promise<SearchSample>;

/** The first line of what was thrown: enough for a progress line or a table cell. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";

/**
 * Searches one pair from every seed, one at a time (concurrent searches would skew each other's
 * timings). A search that throws costs its seed, not the whole bench: the report counts it.
 */
export const searchSeeds = async (
  title: string,
  pair: Pair,
  seeds: ReadonlyArray<number>,
  numRuns: number,
  search: Search,
  progress: Progress,
): Promise<PairRaces> => {
  const step = progress(title, seeds.length);
  const samples: SearchSample[] = [];
  for (const seed of seeds) {
    const started = performance.now();
    try {
      samples.push(await search(pair, seed));
    } catch (error) {
      step.note(`seed ${seed}: the search threw: ${errorText(error)}`);
      samples.push(thrownSample(seed, performance.now() - started, errorText(error)));
    }
    step.tick(samples.length);
  }
  const summary = summarize(samples);
  const sizes = summary.minimum === undefined ? "" : `, ${percent(summary.twoCommands)} at 2 commands, ${percent(summary.atMinimum)} at the minimum`;
  step.done(
    `found ${summary.found}/${summary.seeds}${summary.errors === 0 ? "" : ` (${summary.errors} threw)`}, median ${runs(summary.runsMedian, numRuns)} runs to failure${sizes}`,
  );
  return { pair, samples, summary };
};

/** {@link searchSeeds} for every pair in turn; `numRuns` is what each search is given, for the progress line. */
export const searchPairs = async (
  searcher: string,
  pairs: ReadonlyArray<Pair>,
  seeds: ReadonlyArray<number>,
  numRuns: number,
  search: Search,
  progress: Progress,
): Promise<ReadonlyArray<PairRaces>> => {
  const results: PairRaces[] = [];
  for (const pair of pairs) results.push(await searchSeeds(`${searcher} · ${pairTitle(pair)}`, pair, seeds, numRuns, search, progress));
  return results;
};
