import { percent, runs, thousands } from "./format.js";
import { pairTitle } from "./pairs.js";
import type { BenchReport } from "./report.js";
import { perSecond } from "./throughput.js";

/** A goal the harness set itself, and what this run measured against it. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

const MAX_MEDIAN_RUNS = 50;
const MIN_EXECUTIONS_PER_SECOND = 2_000;

const worstBy = <T>(items: ReadonlyArray<T>, key: (item: T) => number): T | undefined =>
  items.reduce<T | undefined>((worst, item) => (worst === undefined || key(item) > key(worst) ? item : worst), undefined);

/** The targets of the brief, each met or not by this run; a missed target is reported, never hidden. */
export const checkTargets = (report: BenchReport): ReadonlyArray<TargetCheck> => {
  const checks: TargetCheck[] = [];
  for (const figures of report.races) {
    const where = `${figures.backend}, ${figures.pairs.length} known-broken pairs`;
    const slowest = worstBy(figures.pairs, (pair) => pair.summary.runsMedian ?? Infinity);
    const over = figures.pairs.filter((pair) => (pair.summary.runsMedian ?? Infinity) > MAX_MEDIAN_RUNS);
    checks.push({
      target: `every race found in ≤ ${MAX_MEDIAN_RUNS} runs, median over seeds (${where})`,
      measured:
        slowest === undefined
          ? "no known-broken pair"
          : `slowest median ${runs(slowest.summary.runsMedian, figures.runsPerCheck)} runs (${pairTitle(slowest.pair)})` +
            (over.length === 0 ? "" : `; over the target: ${over.map((pair) => pairTitle(pair.pair)).join(", ")}`),
      met: slowest !== undefined && over.length === 0,
    });
    const below = figures.pairs.filter((pair) => (pair.summary.atMinimum ?? 0) < 1);
    const lowest = worstBy(figures.pairs, (pair) => 1 - (pair.summary.atMinimum ?? 0));
    checks.push({
      target: `100% of seeds shrunk to the minimum (${where})`,
      measured:
        lowest === undefined
          ? "no known-broken pair"
          : below.length === 0
            ? `every pair at 100%`
            : `${figures.pairs.length - below.length} of ${figures.pairs.length} pairs at 100%; below: ${below.map((pair) => `${pairTitle(pair.pair)} ${percent(pair.summary.atMinimum)}`).join(", ")}`,
      met: lowest !== undefined && below.length === 0,
    });
  }
  const rates = report.throughput.rows.map((row) => ({ design: row.pair.implementation.name, rate: perSecond(row.engine) }));
  const slowest = worstBy(rates, (row) => -row.rate);
  const under = rates.filter((row) => row.rate < MIN_EXECUTIONS_PER_SECOND);
  checks.push({
    target: `≥ ${thousands(MIN_EXECUTIONS_PER_SECOND)} three-task executions per second (${report.throughput.backend}, ${report.throughput.scenario}, every design)`,
    measured:
      slowest === undefined
        ? "nothing measured"
        : `slowest ${thousands(slowest.rate)}/s (${slowest.design})` + (under.length === 0 ? "" : `; under the target: ${under.map((row) => `${row.design} ${thousands(row.rate)}/s`).join(", ")}`),
    met: slowest !== undefined && under.length === 0,
  });
  return checks;
};
