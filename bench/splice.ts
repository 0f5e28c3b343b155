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
