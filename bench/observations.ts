import { percent, thousands, times } from "./format.js";
import { pairTitle } from "./pairs.js";
import type { BenchReport } from "./report.js";
import type { SearchSummary, Size } from "./samples.js";
import type { PairRaces } from "./search-pairs.js";
import { median, ratio } from "./stats.js";
import { perSecond } from "./rounds.js";

const sizeText = (size: Size): string =>
  `${size.commands} commands${size.preemptions === undefined ? "" : ` and ${size.preemptions} preemption${size.preemptions === 1 ? "" : "s"}`}`;

const list = (items: ReadonlyArray<string>): string => (items.length === 0 ? "none" : items.join("; "));

/** How the engine's runs to the first failure compare with one baseline's, pair by pair. */
const searchLine = (name: string, engine: ReadonlyArray<PairRaces>, baseline: ReadonlyArray<PairRaces>): string | undefined => {
  const ratios = engine.flatMap(({ pair, summary }) => {
    const theirs = baseline.find((result) => result.pair === pair)?.summary;
    const value = ratio(summary.runsMedian, theirs?.runsMedian);
    return value === undefined ? [] : [value];
  });
  if (ratios.length === 0) return undefined;
  const more = ratios.filter((value) => value > 1).length;
  const fewer = ratios.filter((value) => value < 1).length;
  return (
    `Search: against ${name}, the engine needed more random runs to the first failure (median over seeds) on ${more} of ` +
    `${ratios.length} pairs and fewer on ${fewer}; the median of the per-pair ratios is ${times(median(ratios))}.`
  );
};

const allFoundAtMinimum = (summary: SearchSummary): boolean => summary.found > 0 && summary.atMinimumOfFound === 1;

/**
 * Statements computed from this run's figures, so that they stay true when the figures change.
 * Interpretation beyond them belongs in the review of a change, not in a generated file.
 */
export const observations = (report: BenchReport): ReadonlyArray<string> => {
  const lines: string[] = [];
  const engine = report.races;
  const plain = searchLine("fc.scheduler", engine.pairs, report.baselines.scheduler);
  const model = searchLine("fc.scheduledModelRun", engine.pairs, report.baselines.modelRun);
  if (plain !== undefined) lines.push(plain);
  if (model !== undefined) lines.push(model);

  const shrunk = engine.pairs.filter(({ summary }) => allFoundAtMinimum(summary));
  const short = engine.pairs.filter(({ summary }) => summary.found > 0 && !allFoundAtMinimum(summary));
  lines.push(
    `Shrinking: on ${shrunk.length} of ${engine.pairs.length} pairs every seed that found the race reported the pair's minimum.` +
      (short.length === 0
        ? ""
        : ` Not always: ${list(short.map(({ pair, summary }) => `${pairTitle(pair)} (${percent(summary.atMinimumOfFound)} of found seeds, largest ${summary.largest === undefined ? "–" : sizeText(summary.largest)})`))}.`),
  );
  const bigger = engine.pairs.filter(({ summary }) => summary.minimum !== undefined && summary.minimum.commands > 2);
  if (bigger.length > 0) {
    lines.push(
      `Pairs whose smallest counterexample found has more than 2 commands: ${list(bigger.map(({ pair, summary }) => `${pairTitle(pair)} (${summary.minimum === undefined ? "–" : sizeText(summary.minimum)})`))}. ` +
        "Their share at 2 commands is 0% by necessity; the target is the share at the minimum.",
    );
  }
  const missed = engine.pairs.filter(({ summary }) => summary.found < summary.seeds);
  if (missed.length > 0) {
    lines.push(
      `Seeds that found nothing within ${engine.runsPerCheck} runs: ${list(missed.map(({ pair, summary }) => `${pairTitle(pair)} ${summary.seeds - summary.found} of ${summary.seeds}`))}.`,
    );
  }
  const baselineTwo = report.baselines.scheduler.filter(({ summary }) => summary.twoCommands === 1).length;
  const engineTwo = engine.pairs.filter(({ summary }) => summary.twoCommands === 1).length;
  lines.push(
    `Counterexamples at 2 commands on every seed: the engine on ${engineTwo} of ${engine.pairs.length} pairs, fc.scheduler on ${baselineTwo} of ${report.baselines.scheduler.length}.`,
  );
  const rows = report.throughput.rows;
  const correct = rows.filter((row) => row.correct);
  const versus = median(correct.flatMap((row) => ratio(perSecond(row.engine), perSecond(row.scheduler)) ?? []));
  const ceiling = median(correct.flatMap((row) => ratio(perSecond(row.alone), perSecond(row.engine)) ?? []));
  if (correct.length > 0) {
    lines.push(
      `Throughput (${report.throughput.scenario}, correct designs): the engine's \`execute()\` ran at ${times(versus)} the fc.scheduler baseline's rate ` +
        `(median over ${correct.map((row) => row.pair.implementation.name).join(", ")}); with no harness at all the same programs ran ${times(ceiling)} faster ` +
        `than under the engine (${correct.map((row) => `${row.pair.implementation.name} ${thousands(perSecond(row.alone))}/s`).join(", ")}).`,
    );
  }
  const broken = rows.filter((row) => !row.correct && row.engine.executions > 0 && row.scheduler.executions > 0);
  if (broken.length > 0) {
    lines.push(
      `Random runs that failed, same programs (${report.throughput.scenario}): ` +
        broken
          .map(
            (row) =>
              `${row.pair.implementation.name} ${percent(row.engine.failures / row.engine.executions)} under the engine, ${percent(row.scheduler.failures / row.scheduler.executions)} under fc.scheduler`,
          )
          .join("; ") +
        ".",
    );
  }
  return lines;
};
