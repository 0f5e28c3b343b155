import type { TimelineEvent } from "../history.js";

const CELL_WIDTH = 46;
/** A cell wraps onto at most this many lines; beyond that it is cut with an ellipsis. */
const CELL_LINES = 4;

/**
 * One event in its task's lane, in parts, so that the text and the HTML report show the same thing:
 * `▶` invocation, `◀` outcome, `·` note, `⚡` a step taken by preempting another task; a step's result
 * (what it read or returned) and the tasks whose locks it waited for (`⏳`).
 */
export interface Cell {
  readonly mark: "▶" | "◀" | "·" | "⚡" | "";
  readonly text: string;
  readonly result?: string;
  readonly waitedFor?: ReadonlyArray<string>;
}

export const cellOf = (event: TimelineEvent): Cell => {
  switch (event.kind) {
    case "invoke":
      return { mark: "▶", text: event.text };
    case "complete":
      return { mark: "◀", text: event.text };
    case "note":
      return { mark: "·", text: event.text };
    case "step":
      return {
        mark: event.preempted ? "⚡" : "",
        text: event.label,
        ...(event.result === undefined || event.result === "" ? {} : { result: event.result }),
        ...(event.waitedFor === undefined || event.waitedFor.length === 0 ? {} : { waitedFor: event.waitedFor }),
      };
  }
};

/** A cell as one line of text: `⚡ SELECT … → 0 rows ⏳ waits for T1`. */
export const cellText = ({ mark, text, result, waitedFor }: Cell): string =>
  `${mark === "" ? "" : `${mark} `}${text}${result === undefined ? "" : ` → ${result}`}${waitedFor === undefined ? "" : ` ⏳ waits for ${waitedFor.join(", ")}`}`;

/** One row of a timeline: the event, its lane (an index into the lanes) and its cell. */
export interface TimelineRow {
  /** Rows are numbered from 1 in the order the engine let the events happen. */
  readonly number: number;
  readonly lane: number;
  readonly event: TimelineEvent;
  readonly cell: Cell;
  /** A rule drawn across every lane above this row (a settle phase begins, events were left out). */
  readonly ruleAbove?: string;
}

/** A history laid out for drawing: one lane per task (or participant), one row per event. */
export interface TimelineView {
  readonly lanes: ReadonlyArray<string>;
  readonly rows: ReadonlyArray<TimelineRow>;
}

/** Lays out events in lanes, in the order of their tasks' first events; `rules` go above the rows they name (by number). */
export const timelineView = (events: ReadonlyArray<TimelineEvent>, rules: ReadonlyMap<number, string> = new Map()): TimelineView => {
  const lanes = [...new Set(events.map((event) => event.task))];
  return {
    lanes,
    rows: events.map((event, index) => {
      const rule = rules.get(index + 1);
      return { number: index + 1, lane: lanes.indexOf(event.task), event, cell: cellOf(event), ...(rule === undefined ? {} : { ruleAbove: rule }) };
    }),
  };
};

/** Cuts a cell into lines of at most `width` characters, at spaces where it can, so SQL keeps its parameters and results. */
const wrap = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width && lines.length < CELL_LINES - 1) {
    const space = rest.lastIndexOf(" ", width);
    const cut = space > width / 2 ? space : width;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  lines.push(rest.length > width ? `${rest.slice(0, width - 1)}…` : rest);
  return lines;
};

/** Draws a laid-out timeline as a text table: one column per lane, one numbered row per event; long cells wrap within their column. */
export const drawTimelineView = ({ lanes, rows }: TimelineView): string => {
  const widths = lanes.map((lane, at) =>
    Math.min(CELL_WIDTH, Math.max(lane.length, ...rows.filter((row) => row.lane === at).map((row) => cellText(row.cell).length))),
  );
  const numberWidth = String(rows.length).length;
  const line = (first: string, cells: ReadonlyArray<string>) =>
    `${first.padStart(numberWidth)}  ${cells.map((text, index) => text.padEnd(widths[index] ?? CELL_WIDTH)).join(" │ ")}`.trimEnd();
  const drawn = rows.flatMap((row) => [
    ...(row.ruleAbove === undefined ? [] : [`${"".padStart(numberWidth)}  ${row.ruleAbove}`]),
    ...wrap(cellText(row.cell), widths[row.lane] ?? CELL_WIDTH).map((part, offset) =>
      line(
        offset === 0 ? String(row.number) : "",
        lanes.map((_lane, at) => (at === row.lane ? part : "")),
      ),
    ),
  ]);
  return [
    line("#", lanes),
    line(
      "",
      widths.map((width) => "─".repeat(width)),
    ),
    ...drawn,
  ].join("\n");
};

/**
 * Draws a history as a table with one column per task, one row per event, in the order the engine
 * let them happen: `▶` invocation, `◀` outcome, `⚡` a step taken by preempting another task,
 * `⏳` a statement that waited for another task's lock. Long cells wrap within their column.
 */
export const drawTimeline = (timeline: ReadonlyArray<TimelineEvent>): string => drawTimelineView(timelineView(timeline));
