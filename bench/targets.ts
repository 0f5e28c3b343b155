import { percent, runs, thousands } from "./format.js";
import { pairTitle } from "./pairs.js";
import type { BenchReport } from "./report.js";
import { perSecond } from "./rounds.js";
import { median, ratio, worstBy } from "./stats.js";

/** A goal the harness set itself, and what this run measured against it. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

/** Every race must be found within this many random runs, median over seeds. */
export const MAX_MEDIAN_RUNS = 50;
const MIN_EXECUTIONS_PER_SECOND = 2_000;
/** The same programs ungated may run at most this many times faster than under the engine. */
const MAX_OVERHEAD = 2;

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
  // Per pair, the fewer median runs of the two fast-check baselines (a baseline that found nothing counts as Infinity).
  const baselineMedian = (pair: (typeof pairs)[number]["pair"]) =>
    Math.min(
      ...[report.baselines.scheduler, report.baselines.modelRun].map(
        (baseline) => baseline.find((result) => result.pair === pair)?.summary.runsMedian ?? Infinity,
      ),
    );
  const behind = pairs.filter(({ pair, summary }) => (summary.runsMedian ?? Infinity) > baselineMedian(pair));
  const correct = report.throughput.rows.filter((row) => row.correct);
  const overhead = median(correct.flatMap((row) => ratio(perSecond(row.alone), perSecond(row.engine)) ?? []));
  return [
    {
      target: `runs to the first failure ≤ the better fast-check baseline's (fc.scheduler, fc.scheduledModelRun), median over seeds, on every pair (${where})`,
      measured:
        behind.length === 0
          ? `no pair behind (${pairs.length} pairs)`
          : `${pairs.length - behind.length} of ${pairs.length} pairs at or under it; behind: ${behind.map(({ pair, summary }) => `${pairTitle(pair)} ${runs(summary.runsMedian, runsPerCheck)} vs ${runs(baselineMedian(pair), report.runsPerBaselineCheck)}`).join(", ")}`,
      met: pairs.length > 0 && behind.length === 0,
    },
    {
      target: `harness overhead ≤ ×${MAX_OVERHEAD}: the same programs with no harness against \`execute()\` (${report.throughput.backend}, ${report.throughput.scenario}, correct designs, median)`,
      measured:
        overhead === undefined
          ? "nothing measured"
          : `×${overhead.toFixed(2)} (${correct.map((row) => `${row.pair.implementation.name} ${thousands(perSecond(row.engine))}/s against ${thousands(perSecond(row.alone))}/s`).join(", ")})`,
      met: overhead !== undefined && overhead <= MAX_OVERHEAD,
    },
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
