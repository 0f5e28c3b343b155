import { ms, runs } from "./format.js";
import type { Pair } from "./pairs.js";
import type { SearchSummary } from "./samples.js";

/**
 * The columns every table of known-race searches opens with, on memory and on a server alike, so
 * that the sections of BENCHMARKS.md read the same way.
 */
export const SEARCH_COLUMNS: ReadonlyArray<string> = [
  "scenario",
  "design",
  "found",
  "runs to 1st failure, median / worst",
  "time to 1st failure, median / worst",
];

/** The cells under {@link SEARCH_COLUMNS} for one pair's searches of `limit` runs each. */
export const searchCells = (pair: Pair, summary: SearchSummary, limit: number): string[] => [
  pair.scenario.name,
  pair.implementation.name,
  `${summary.found}/${summary.seeds}${summary.errors === 0 ? "" : ` (${summary.errors} threw)`}`,
  `${runs(summary.runsMedian, limit)} / ${runs(summary.runsWorst, limit)}`,
  `${ms(summary.msMedian)} / ${ms(summary.msWorst)}`,
];

/** The closing "caught by" cell: what caught the counterexamples, e.g. `both views agree ×28`. */
export const caughtByCell = (summary: SearchSummary): string => summary.caughtBy.map((caught) => `${caught.name} ×${caught.seeds}`).join(", ");
