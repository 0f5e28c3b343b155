/**
 * Reads the timelines of a text report back into rows, for comparing them with another drawing of
 * the same counterexample: lanes from the header, each numbered row's lane and cell (its wrapped
 * lines joined), and the rules drawn across the lanes.
 */
export interface TextTimeline {
  readonly lanes: ReadonlyArray<string>;
  readonly rows: ReadonlyArray<{ readonly number: number; readonly lane: number; readonly text: string }>;
  readonly rules: ReadonlyArray<{ readonly before: number; readonly text: string }>;
}

const isHeader = (line: string): boolean => /^\s*#  \S/.test(line);

/** Every timeline in `report`, in order. */
export const textTimelines = (report: string): ReadonlyArray<TextTimeline> => {
  const lines = report.split("\n");
  const timelines: TextTimeline[] = [];
  lines.forEach((header, at) => {
    if (!isHeader(header)) return;
    const rule = lines[at + 1] ?? "";
    const starts = [...rule.matchAll(/─+/g)].map((run) => run.index);
    const cellOf = (line: string, lane: number): string => line.slice(starts[lane], lane + 1 < starts.length ? (starts[lane + 1] ?? 0) - 3 : undefined).trim();
    const lanes = starts.map((_start, lane) => cellOf(header, lane));
    const rows: Array<{ number: number; lane: number; text: string }> = [];
    const rules: Array<{ before: number; text: string }> = [];
    for (const line of lines.slice(at + 2)) {
      if (line.trim() === "") break;
      const number = line.slice(0, starts[0]).trim();
      const rest = line.slice(starts[0]).trim();
      if (number === "" && rest.startsWith("── ") && rest.endsWith(" ──")) {
        rules.push({ before: rows.length + 1, text: rest });
        continue;
      }
      const lane = lanes.findIndex((_lane, index) => cellOf(line, index) !== "");
      const text = cellOf(line, lane);
      const last = rows.at(-1);
      if (number === "" && last !== undefined) last.text += ` ${text}`;
      else rows.push({ number: Number(number), lane, text });
    }
    timelines.push({ lanes, rows, rules });
  });
  return timelines;
};

/** A cell's text without the spaces wrapping may have added or removed, and without a cut's ellipsis. */
export const comparable = (text: string): string => text.replace(/\s+/g, "").replace(/…$/, "");

/** The counterexample's drawing in `report`, as printed: from its lane header to the replay line, to compare a replay with the run it reproduces. */
export const timelineText = (report: string): string => report.slice(report.indexOf("#  T1"), report.indexOf("replay:"));
