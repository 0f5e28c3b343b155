import type { TimelineEvent } from "../history.js";

const CELL_WIDTH = 46;
/** A cell wraps onto at most this many lines; beyond that it is cut with an ellipsis. */
const CELL_LINES = 4;

/** The text of one event in its task's column. */
const cell = (event: TimelineEvent): string => {
  switch (event.kind) {
    case "invoke":
      return `▶ ${event.text}`;
    case "complete":
      return `◀ ${event.text}`;
    case "note":
      return `· ${event.text}`;
    case "step": {
      const waited = event.waitedFor === undefined || event.waitedFor.length === 0 ? "" : ` ⏳ waits for ${event.waitedFor.join(", ")}`;
      const result = event.result === undefined || event.result === "" ? "" : ` → ${event.result}`;
      return `${event.preempted ? "⚡ " : ""}${event.label}${result}${waited}`;
    }
  }
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

/**
 * Draws a history as a table with one column per task, one row per event, in the order the engine
 * let them happen: `▶` invocation, `◀` outcome, `⚡` a step taken by preempting another task,
 * `⏳` a statement that waited for another task's lock. Long cells wrap within their column.
 */
export const drawTimeline = (timeline: ReadonlyArray<TimelineEvent>): string => {
  const tasks = [...new Set(timeline.map((event) => event.task))];
  const widths = tasks.map((task) =>
    Math.min(CELL_WIDTH, Math.max(task.length, ...timeline.filter((event) => event.task === task).map((event) => cell(event).length))),
  );
  const numberWidth = String(timeline.length).length;
  const line = (first: string, cells: ReadonlyArray<string>) =>
    `${first.padStart(numberWidth)}  ${cells.map((text, index) => text.padEnd(widths[index] ?? CELL_WIDTH)).join(" │ ")}`.trimEnd();
  const rows = timeline.flatMap((event, index) => {
    const column = tasks.indexOf(event.task);
    return wrap(cell(event), widths[column] ?? CELL_WIDTH).map((part, offset) =>
      line(
        offset === 0 ? String(index + 1) : "",
        tasks.map((_task, at) => (at === column ? part : "")),
      ),
    );
  });
  return [
    line("#", tasks),
    line(
      "",
      widths.map((width) => "─".repeat(width)),
    ),
    ...rows,
  ].join("\n");
};
