import { percent, runs, thousands } from "./format.js";
import { pairTitle } from "./pairs.js";
import type { BenchReport } from "./report.js";
import { perSecond } from "./rounds.js";
import { worstBy } from "./stats.js";

/** A goal the harness set itself, and what this run measured against it. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

/** Every race must be found within this many random runs, median over seeds. */
export const MAX_MEDIAN_RUNS = 50;
const MIN_EXECUTIONS_PER_SECOND = 2_000;

/** The targets of the brief, each met or not by this run; a missed target is reported, never hidden. */
export const checkTargets = (report: BenchReport): ReadonlyArray<TargetCheck> => {
  const { pairs, backend, runsPerCheck } = report.races;
  const where = `${backend}, ${pairs.length} known-broken pairs`;
  const slowestRace = worstBy(pairs, (pair) => pair.summary.runsMedian ?? Infinity);
  const over = pairs.filter((pair) => (pair.summary.runsMedian ?? Infinity) > MAX_MEDIAN_RUNS);
  const below = pairs.filter((pair) => (pair.summary.atMinimum ?? 0) < 1);
  const rates = report.throughput.rows.map((row) => ({ design: row.pair.implementation.name, rate: perSecond(row.engine) }));
  const slowestRate = worstBy(rates, (row) => -row.rate);
  const under = rates.filter((row) => row.rate < MIN_EXECUTIONS_PER_SECOND);
  return [
    {
      target: `every race found in ≤ ${MAX_MEDIAN_RUNS} runs, median over seeds (${where})`,
      measured:
        slowestRace === undefined
          ? "no known-broken pair"
          : `slowest median ${runs(slowestRace.summary.runsMedian, runsPerCheck)} runs (${pairTitle(slowestRace.pair)})` +
            (over.length === 0 ? "" : `; over the target: ${over.map((pair) => pairTitle(pair.pair)).join(", ")}`),
      met: slowestRace !== undefined && over.length === 0,
    },
    {
      target: `100% of seeds shrunk to the minimum (${where})`,
      measured:
        pairs.length === 0
          ? "no known-broken pair"
          : below.length === 0
            ? `every pair at 100%`
            : `${pairs.length - below.length} of ${pairs.length} pairs at 100%; below: ${below.map((pair) => `${pairTitle(pair.pair)} ${percent(pair.summary.atMinimum)}`).join(", ")}`,
      met: pairs.length > 0 && below.length === 0,
    },
    {
      target: `≥ ${thousands(MIN_EXECUTIONS_PER_SECOND)} three-task executions per second (${report.throughput.backend}, ${report.throughput.scenario}, every design)`,
      measured:
        slowestRate === undefined
          ? "nothing measured"
          : `slowest ${thousands(slowestRate.rate)}/s (${slowestRate.design})` +
            (under.length === 0 ? "" : `; under the target: ${under.map((row) => `${row.design} ${thousands(row.rate)}/s`).join(", ")}`),
      met: slowestRate !== undefined && under.length === 0,
    },
  ];
};
