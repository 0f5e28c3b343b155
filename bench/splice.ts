/**
 * Puts `section` (which starts with its `## ` heading) into `report` in place of the section under
 * the same heading, up to the next `## ` heading; a report without one gets it after the section
 * headed `after` when there is one, or at the end. Everything else in the report is kept as it was.
 */
export const spliceSection = (report: string, section: string, after: string | undefined): string => {
  const lines = report.replace(/\n+$/, "").split("\n");
  const heading = section.split("\n", 1)[0] ?? "";
  const end = (from: number): number => {
    const next = lines.findIndex((line, index) => index > from && line.startsWith("## "));
    return next < 0 ? lines.length : next;
  };
  const body = section.replace(/\n+$/, "").split("\n");
  const at = lines.indexOf(heading);
  if (at >= 0) {
    lines.splice(at, end(at) - at, ...body, "");
    return `${lines.join("\n").replace(/\n+$/, "")}\n`;
  }
  const previous = after === undefined ? -1 : lines.indexOf(after);
  const insert = previous < 0 ? lines.length : end(previous);
  lines.splice(insert, 0, ...(insert === lines.length ? ["", ...body] : [...body, ""]));
  return `${lines.join("\n").replace(/\n+$/, "")}\n`;
};

/** One row of the targets table, as the full report writes it. */
export const targetRow = (check: { readonly target: string; readonly measured: string; readonly met: boolean }): string =>
  `| ${check.target} | ${check.measured} | ${check.met ? "yes" : "**no**"} |`;

/**
 * Puts `rows` into the report's "## Targets" table in place of the rows whose target names `owner`
 * (a server section measured alone owns its targets: the old rows would contradict its figures),
 * where the first of them stood, or at the end of the table. A report without the table is returned
 * as it was.
 */
export const spliceTargets = (report: string, owner: string, rows: ReadonlyArray<string>): string => {
  const lines = report.split("\n");
  const heading = lines.indexOf("## Targets");
  if (heading < 0 || rows.length === 0) return report;
  const first = lines.findIndex((line, index) => index > heading && line.startsWith("| "));
  if (first < 0) return report;
  let last = first;
  while (lines[last + 1]?.startsWith("| ")) last++;
  // The header row and its rule come first; only the target cell is looked at.
  const owned = (line: string, index: number) => index > first + 1 && index <= last && (line.split(" | ", 1)[0] ?? "").includes(owner);
  const at = lines.findIndex(owned);
  const kept = lines.filter((line, index) => !owned(line, index));
  kept.splice(at < 0 ? last + 1 : at, 0, ...rows);
  return kept.join("\n");
};
