import { count } from "../report/format.js";
import type { CostFigures } from "./measure.js";

/** One design's figures under each hot-spot setting measured, in the order of the table's column groups. */
export interface CostRow {
  readonly design: string;
  readonly figures: ReadonlyArray<CostFigures>;
}

const percent = (part: number, whole: number): string => (whole === 0 ? "—" : `${((100 * part) / whole).toFixed(part === 0 || part === whole ? 0 : 1)}%`);
const latency = (milliseconds: number): string => (milliseconds < 10 ? `${milliseconds.toFixed(1)} ms` : `${Math.round(milliseconds)} ms`);

const cells = (figures: CostFigures, metersRollbacks: boolean): ReadonlyArray<string> => [
  count(Math.round(figures.throughput)),
  latency(figures.p50Ms),
  latency(figures.p99Ms),
  figures.refused === undefined ? "—" : percent(figures.refused, figures.commands),
  metersRollbacks ? percent(figures.rolledBack, figures.commands) : "—",
  figures.errors === 0 ? "0" : count(figures.errors),
];

const HEADINGS = ["cmd/s", "p50", "p99", "refused", "rolled back", "errors"];

/**
 * The comparison a team reads: one row per design, one group of columns per hot-spot setting.
 * `groups` names the settings (`one hot spot`, `16 copies`); `metersRollbacks`: whether the backend
 * reports rolled-back transactions (a server does, memory has none to report).
 */
export const costTable = (groups: ReadonlyArray<string>, rows: ReadonlyArray<CostRow>, format: "text" | "markdown", metersRollbacks: boolean): string => {
  const header = ["design", ...groups.flatMap((group) => HEADINGS.map((heading, index) => (index === 0 ? `${group}: ${heading}` : heading)))];
  const body = rows.map((row) => [row.design, ...row.figures.flatMap((figures) => cells(figures, metersRollbacks))]);
  if (format === "markdown") {
    const line = (values: ReadonlyArray<string>) => `| ${values.join(" | ")} |`;
    return [line(header), line(header.map((_, index) => (index === 0 ? "---" : "---:"))), ...body.map(line)].join("\n");
  }
  const widths = header.map((heading, column) => Math.max(heading.length, ...body.map((values) => (values[column] ?? "").length)));
  const line = (values: ReadonlyArray<string>) =>
    values
      .map((value, column) => (column === 0 ? value.padEnd(widths[column] ?? 0) : value.padStart(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...body.map(line)].join("\n");
};
