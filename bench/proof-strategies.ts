import type { BackendSession } from "../engine/backend.js";
import { strategyNames } from "../engine/schedule/strategies.js";
import type { Strategy } from "../engine/schedule/strategy.js";
import { memoryBackend } from "../backends/memory.js";
import { engineSearch } from "./engine-search.js";
import { type Pair, pairTitle } from "./pairs.js";
import type { Progress } from "./progress.js";
import type { SearchSummary } from "./samples.js";
import { searchSeeds } from "./search-pairs.js";

/** One strategy on one known race, over every seed. */
export interface StrategySummary {
  readonly strategy: Strategy;
  /** The check's first search alone, unshrunk: what the strategy's search costs. */
  readonly detection: SearchSummary;
  /** Of the seeds checked end to end (shrinking included), how many reached the pair's minimum. */
  readonly shrunkSeeds: number;
  readonly shrunkToMinimal: number;
}

/** One known race, every strategy. */
export interface StrategyRow {
  readonly title: string;
  readonly summaries: ReadonlyArray<StrategySummary>;
}

/** The smallest counterexample of a pair (commands, preemptions), as exhaustive mode finds it; undefined without a proof domain. */
export type Minimum = { readonly commands: number; readonly preemptions: number } | undefined;

/**
 * Each known race of `pairs`, searched from every seed by each strategy with the runs `verify` gives
 * a check in memory. The first `shrinkSeeds` seeds also run the whole check, to see whether its
 * counterexample reaches `minimumOf(pair)`.
 */
export const measureStrategies = async (
  session: BackendSession,
  pairs: ReadonlyArray<Pair>,
  seeds: ReadonlyArray<number>,
  shrinkSeeds: number,
  minimumOf: (pair: Pair) => Minimum,
  progress: Progress,
): Promise<ReadonlyArray<StrategyRow>> => {
  const numRuns = memoryBackend.defaultRuns;
  const rows: StrategyRow[] = [];
  for (const pair of pairs) {
    const summaries: StrategySummary[] = [];
    const minimum = minimumOf(pair);
    for (const strategy of strategyNames) {
      const title = `strategy ${strategy} · ${pairTitle(pair)}`;
      const { summary } = await searchSeeds(title, pair, seeds, numRuns, engineSearch({ session, numRuns, strategy, shrink: false }), progress);
      const checked = minimum === undefined ? [] : seeds.slice(0, shrinkSeeds);
      const shrunk =
        checked.length === 0
          ? []
          : (await searchSeeds(`${title} · shrunk`, pair, checked, numRuns, engineSearch({ session, numRuns, strategy }), progress)).samples;
      const minimal = shrunk.filter((sample) => sample.found && sample.commands === minimum?.commands && sample.preemptions === minimum?.preemptions);
      summaries.push({ strategy, detection: summary, shrunkSeeds: checked.length, shrunkToMinimal: minimal.length });
    }
    rows.push({ title: pairTitle(pair), summaries });
  }
  return rows;
};
