import fc from "fast-check";
import { caseArbitrary, check, programOf, scheduleOf } from "../engine/random/check.js";
import { execute } from "../engine/execute.js";
import { strategies, type Strategy } from "../engine/schedule/strategy.js";
import { memoryBackend } from "../backends/memory.js";
import { knownBrokenPairs, type Pair, pairTitle } from "./pairs.js";
import type { Progress } from "./progress.js";
import { median, worst } from "./stats.js";

/** One strategy on one known race, over every seed. */
export interface StrategySummary {
  readonly strategy: Strategy;
  readonly seeds: number;
  readonly found: number;
  /** Random runs up to and including the first failing one; a seed that found nothing counts as Infinity. */
  readonly runsMedian: number | undefined;
  readonly runsWorst: number | undefined;
  /** Of the seeds checked end to end (shrinking included), how many reached `minimal`. */
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

const { timeLimitMs, defaultRuns } = memoryBackend;

/** Runs to the first failure, without shrinking: what the strategy's search alone costs. */
const runsToFailure = async (pair: Pair, strategy: Strategy, seed: number): Promise<number> => {
  const property = fc.asyncProperty(caseArbitrary(pair.commands, "concurrent", strategy), async (testCase) => {
    const execution = await execute(pair.scenario, pair.implementation, programOf(testCase), scheduleOf(testCase), { timeLimitMs });
    return execution.failure === undefined;
  });
  const details = await fc.check(property, { numRuns: defaultRuns, seed, endOnFailure: true });
  return details.failed ? details.numRuns : Infinity;
};

/** The whole check (shrinking, re-shrinking, extra searches) as `verify` runs it: did it reach the minimum? */
const reachesMinimum = async (pair: Pair, strategy: Strategy, seed: number, minimum: NonNullable<Minimum>): Promise<boolean> => {
  const verdict = await check(pair.scenario, pair.implementation, pair.commands, { mode: "concurrent", numRuns: defaultRuns, timeLimitMs, seed, strategy });
  const example = verdict.counterexample;
  if (example === undefined) return false;
  const commands = example.case.prefix.length + example.case.branches.reduce((sum, branch) => sum + branch.length, 0);
  return commands === minimum.commands && example.execution.preemptions === minimum.preemptions;
};

/**
 * Every known-broken in-memory pair, searched from every seed by each strategy. `shrinkSeeds` of the
 * seeds also run the whole check, to see whether its counterexample reaches `minimumOf(pair)`.
 */
export const measureStrategies = async (
  seeds: ReadonlyArray<number>,
  shrinkSeeds: number,
  minimumOf: (pair: Pair) => Minimum,
  progress: Progress,
): Promise<ReadonlyArray<StrategyRow>> => {
  const rows: StrategyRow[] = [];
  for (const pair of knownBrokenPairs("memory")) {
    const summaries: StrategySummary[] = [];
    for (const strategy of strategies) {
      const step = progress(`strategy ${strategy} · ${pairTitle(pair)}`, seeds.length);
      const runs: number[] = [];
      for (const seed of seeds) {
        runs.push(await runsToFailure(pair, strategy, seed));
        step.tick(runs.length);
      }
      const minimum = minimumOf(pair);
      const checked = minimum === undefined ? [] : seeds.slice(0, shrinkSeeds);
      let minimal = 0;
      for (const seed of checked) if (minimum !== undefined && (await reachesMinimum(pair, strategy, seed, minimum))) minimal++;
      const summary = {
        strategy,
        seeds: seeds.length,
        found: runs.filter(Number.isFinite).length,
        runsMedian: median(runs),
        runsWorst: worst(runs),
        shrunkSeeds: checked.length,
        shrunkToMinimal: minimal,
      };
      step.done(`found ${summary.found}/${summary.seeds}, median ${summary.runsMedian} runs, worst ${summary.runsWorst}`);
      summaries.push(summary);
    }
    rows.push({ title: pairTitle(pair), summaries });
  }
  return rows;
};
