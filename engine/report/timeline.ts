import type { TimelineEvent } from "../history.js";

const CELL_WIDTH = 46;

const clip = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

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

/**
 * Draws a history as a table with one column per task, one row per event, in the order the engine
 * let them happen: `▶` invocation, `◀` outcome, `⚡` a step taken by preempting another task.
 */
export const drawTimeline = (timeline: ReadonlyArray<TimelineEvent>): string => {
  const tasks = [...new Set(timeline.map((event) => event.task))];
  const widths = tasks.map((task) => Math.min(CELL_WIDTH, Math.max(task.length, ...timeline.filter((event) => event.task === task).map((event) => cell(event).length))));
  const numberWidth = String(timeline.length).length;
  const line = (first: string, cells: ReadonlyArray<string>) =>
    `${first.padStart(numberWidth)}  ${cells.map((text, index) => clip(text, widths[index] ?? CELL_WIDTH).padEnd(widths[index] ?? CELL_WIDTH)).join(" │ ")}`.trimEnd();
  const rows = timeline.map((event, index) => line(String(index + 1), tasks.map((task) => (task === event.task ? cell(event) : ""))));
  return [line("#", tasks), line("", widths.map((width) => "─".repeat(width))), ...rows].join("\n");
};
