import { START_TASK } from "../../history.js";
import { PREFIX_TASK } from "../../program.js";
import type { UnexplainedOutcome } from "../failure-text.js";
import { type Cell, cellText, type TimelineRow, type TimelineView } from "../timeline.js";
import { escape } from "./escape.js";

/** A lane's share of the width, in characters of its longest cell: never so narrow that a command wraps, never wider than a text column. */
const LANE_MIN = 24;
const LANE_MAX = 46;

/**
 * ⏳ drawn inline: few fonts outside emoji fonts have it, and a page must not fetch one. The
 * character stays in the text beside it, hidden from sight but not from copying or screen readers.
 */
const HOURGLASS =
  '<svg class="hourglass" viewBox="0 0 12 16" aria-hidden="true"><path d="M1.5 1h9M1.5 15h9M2.5 1c0 4 3.5 5 3.5 7s-3.5 3-3.5 7M9.5 1c0 4-3.5 5-3.5 7s3.5 3 3.5 7" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/><path d="M4 14h4L6 11.2z" fill="currentColor"/></svg>';

const kindClass: Readonly<Record<Cell["mark"], string>> = { "▶": "invoke", "◀": "complete", "·": "note", "⚡": "step preempted", "": "step" };

/** What a lane is: a task that runs commands, or a participant of a messaging design (a handler, a relay). */
const laneRole = (lane: string, index: number, rows: ReadonlyArray<TimelineRow>): string => {
  if (lane === START_TASK) return "starting state";
  if (lane === PREFIX_TASK) return "runs first, alone";
  return rows.some((row) => row.lane === index && row.event.kind === "invoke") ? "concurrent task" : "participant";
};

/**
 * One event's card. `.cell-text` holds exactly what the text report's cell holds, in the same order
 * (mark, what it did, `→` what it read or returned, `⏳` whose locks it waited for), so the two can be compared.
 */
const card = (row: TimelineRow, unexplained: UnexplainedOutcome | undefined): string => {
  const { mark, text, result, waitedFor } = row.cell;
  const classes = [kindClass[mark], ...(waitedFor === undefined ? [] : ["waited"]), ...(unexplained === undefined ? [] : ["unexplained"])].join(" ");
  const parts = [
    mark === ""
      ? ""
      : `<span class="mark"${mark === "⚡" ? ' title="preemption: the engine switched to this task although another could have gone on"' : ""}>${mark}</span> `,
    `<span class="label">${escape(text)}</span>`,
    result === undefined ? "" : `<span class="result"> → ${escape(result)}</span>`,
    waitedFor === undefined ? "" : `<span class="wait"> ${HOURGLASS}<span class="glyph">⏳</span> waits for ${escape(waitedFor.join(", "))}</span>`,
  ];
  const admits =
    unexplained === undefined
      ? ""
      : `<div class="admits">not explained: the model admits ${unexplained.admissible.length === 0 ? "nothing here" : unexplained.admissible.map((outcome) => `<b>${escape(outcome)}</b>`).join(" or ")}</div>`;
  // Tags say in words what the marks say, for a reader who does not know them; they sit outside `.cell-text`.
  const tags = [
    ...(mark === "⚡" ? ['<span class="tag preemption">preemption</span>'] : []),
    ...(waitedFor === undefined ? [] : ['<span class="tag lock-wait">lock wait</span>']),
  ];
  return `<div class="card ${classes}">${tags.join("")}<span class="cell-text">${parts.join("")}</span>${admits}</div>`;
};

/**
 * A timeline as swimlanes: one column per lane, one row per event in the order the engine let
 * them happen, rules (a settle phase, events left out) across every lane.
 */
export const swimlanes = (timeline: TimelineView, outcomes: ReadonlyArray<UnexplainedOutcome>): string => {
  const { lanes, rows } = timeline;
  const header = lanes
    .map((lane, index) => {
      const role = laneRole(lane, index, rows);
      return `<th data-lane="${escape(lane)}" class="${role === "participant" ? "participant" : "task"}">${escape(lane)}<small>${role}</small></th>`;
    })
    .join("");
  const body = rows
    .map((row) => {
      const rule = row.ruleAbove === undefined ? "" : `<tr class="rule"><td colspan="${lanes.length + 1}">${escape(row.ruleAbove)}</td></tr>`;
      const event = row.event;
      const unexplained = event.kind === "complete" ? outcomes.find((outcome) => outcome.operation === event.operation) : undefined;
      const cells = lanes.map((_lane, index) => (index === row.lane ? `<td class="here">${card(row, unexplained)}</td>` : "<td></td>")).join("");
      return `${rule}<tr data-row="${row.number}" data-lane-index="${row.lane}"${row.cell.mark === "⚡" ? ' class="preempted"' : ""}><td class="n">${row.number}</td>${cells}</tr>`;
    })
    .join("\n");
  // Lanes share the width as the text drawing's columns do: by their longest cell, within bounds.
  const weights = lanes.map((_lane, index) =>
    Math.min(LANE_MAX, Math.max(LANE_MIN, ...rows.filter((row) => row.lane === index).map((row) => cellText(row.cell).length))),
  );
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const columns = weights.map((weight) => `<col style="width: ${((100 * weight) / total).toFixed(1)}%">`).join("");
  return `<div class="scroll"><table class="lanes" style="min-width: ${(3 + total / 2).toFixed(0)}rem"><colgroup><col class="n">${columns}</colgroup><thead><tr><th class="n">#</th>${header}</tr></thead><tbody>
${body}
</tbody></table></div>`;
};
