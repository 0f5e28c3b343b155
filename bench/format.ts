/** How figures are written in BENCHMARKS.md: "–" for a figure that does not exist. */

const DASH = "–";

/** `840 ms`, `1.3 s`; Infinity is a search that found nothing. */
export const ms = (value: number | undefined): string => {
  if (value === undefined) return DASH;
  if (!Number.isFinite(value)) return "not found";
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(1)} s`;
};

/** A run count; Infinity (not found) is written as more than the runs a check was given. */
export const runs = (value: number | undefined, limit: number): string => {
  if (value === undefined) return DASH;
  if (!Number.isFinite(value)) return `>${limit}`;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
};

/** `87%` of a share from 0 to 1. */
export const percent = (value: number | undefined): string => (value === undefined ? DASH : `${Math.round(value * 100)}%`);

/** A ratio: `×0.85`, `×12`. */
export const times = (value: number | undefined): string => {
  if (value === undefined) return DASH;
  return value >= 10 ? `×${Math.round(value)}` : `×${value.toFixed(2)}`;
};

/** `2,450`. */
export const thousands = (value: number): string => Math.round(value).toLocaleString("en-US");

/** A Markdown table; cells must not contain `|`. */
export const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>, align?: ReadonlyArray<"l" | "r">): string => {
  const rule = header.map((_cell, index) => ((align?.[index] ?? "l") === "r" ? "---:" : "---"));
  return [header, rule, ...rows].map((row) => `| ${row.join(" | ")} |`).join("\n");
};
