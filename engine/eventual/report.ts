import { counterexampleText, type CounterexampleView, minimalCommands, shownTask } from "../report/counterexample-report.js";
import { storedState, unexplainedOutcomes } from "../report/failure-text.js";
import { ms, plural } from "../report/format.js";
import type { Expectation, ReportedVerdict } from "../report/html/entry.js";
import { timelineView } from "../report/timeline.js";
import { requestCount } from "./case.js";
import type { EventualVerdict } from "./check.js";
import { eventualDetails, eventualHeadline, isEventual } from "./failure.js";
import { describeFault } from "./faults.js";
import type { Refusals } from "./judge.js";

/** Events of a loop that did not settle shown before and after the cut: the loop is the evidence, not all of it. */
const LOOP_SHOWN = 40;

const switchCount = (value: number): string => `${value} switch${value === 1 ? "" : "es"}`;

/** `group-membership · slot-reservation saga (slot-reservation-saga) · memory · concurrent` */
export const eventualVerdictTitle = (verdict: EventualVerdict): string =>
  `${verdict.scenario} · ${verdict.implementation.design} (${verdict.implementation.name}) · ${verdict.implementation.backend} · ${verdict.mode}${verdict.faults ? "" : ", no faults"}`;

/** "spurious refusals: 12% of refused requests (30 of 250)", the price of reservations under concurrency. */
export const refusalsLine = ({ refused, spurious }: Refusals): string =>
  refused === 0
    ? "no concurrent request refused"
    : `spurious refusals: ${Math.round((100 * spurious) / refused)}% of refused requests (${spurious} of ${refused})`;

/** What a verdict rests on: its runs and refusals, or its counterexample's headline and size. */
export const eventualEvidence = (verdict: EventualVerdict): string => {
  switch (verdict.status) {
    case "passed":
      return `${verdict.runs} runs, ${verdict.distinctInterleavings} distinct interleavings, ${refusalsLine(verdict.refusals)}, ${ms(verdict.durationMs)}`;
    case "unknown":
      return `no violation in ${verdict.runs} runs, but ${verdict.undecidedRuns} were too large to decide`;
    case "violated": {
      const example = verdict.counterexample;
      const failure = example?.execution.failure;
      const size = example === undefined ? 0 : requestCount(example.case);
      return `${failure === undefined ? "" : eventualHeadline(failure)}; found after ${plural(example?.runsToFailure ?? 0, "run")}, shrunk to ${plural(size, "request")} and ${plural(example?.case.faults.length ?? 0, "fault")} with ${switchCount(example?.execution.switches ?? 0)}`;
    }
  }
};

const marks = { passed: "✓ passed   ", unknown: "? unknown  ", violated: "✗ violated " } as const;

/** One line: the verdict and its evidence. */
export const eventualVerdictLine = (verdict: EventualVerdict): string =>
  `${marks[verdict.status]} ${eventualVerdictTitle(verdict)}: ${eventualEvidence(verdict)}`;

/**
 * A failure laid out for any report: what broke, the requests and faults, the timeline with one lane
 * per request branch and per participant (deliveries `⇠`, publications `⇢`, faults marked, each
 * settle phase behind a rule), each request's acceptance and final outcome, and the replay.
 * Undefined for any verdict but a violation.
 */
export const eventualView = (verdict: EventualVerdict, replay: string): CounterexampleView | undefined => {
  const example = verdict.counterexample;
  const failure = example?.execution.failure;
  if (example === undefined || failure === undefined) return undefined;
  const { history, settleStarts } = example.execution;
  const shown = shownTask(history);
  let events = history.timeline.map((event, index) => ({ event, index })).filter(({ event }) => shown(event.task));
  if (failure.kind === "does-not-settle" && events.length > 2 * LOOP_SHOWN) events = [...events.slice(0, LOOP_SHOWN), ...events.slice(-LOOP_SHOWN)];
  // Rows are numbered from 1; a rule goes above the first row of each settle phase and each cut.
  const rules = new Map<number, string>();
  events.forEach(({ index }, row) => {
    if (settleStarts.includes(index)) rules.set(row + 1, "── settle phase: every pending message delivered, every due timer run ──");
    const previous = events[row - 1];
    if (previous !== undefined && previous.index !== index - 1 && !rules.has(row + 1))
      rules.set(row + 1, `── ${index - previous.index - 1} events of the loop left out ──`);
  });
  return {
    title: eventualVerdictTitle(verdict),
    claim: verdict.implementation.claim,
    headline: eventualHeadline(failure),
    details: eventualDetails(failure, history),
    outcomes: isEventual(failure) ? [] : unexplainedOutcomes(failure, history),
    state: isEventual(failure) ? undefined : storedState(failure),
    from: history.start?.summary,
    commandsTitle: "minimal requests (P runs first, one at a time, each settled; T1…T3 run concurrently)",
    commands: minimalCommands(history),
    notes: [
      `faults: ${example.case.faults.length === 0 ? "none" : example.case.faults.map(describeFault).join("; ")}`,
      `found after ${plural(example.runsToFailure, "run")}, shrunk ${plural(example.shrinks, "time")}; ${switchCount(example.execution.switches)} in ${plural(example.execution.decisions, "decision")}`,
    ],
    timeline: timelineView(
      events.map(({ event }) => event),
      rules,
    ),
    replay,
  };
};

/** The full report of a failure ({@link eventualView} as text), or the verdict's line when there is none. */
export const eventualVerdictReport = (verdict: EventualVerdict, replay: string): string => {
  const view = eventualView(verdict, replay);
  return view === undefined ? eventualVerdictLine(verdict) : counterexampleText(view);
};

/** A verdict for the HTML report's summary, with its counterexample laid out in lanes. */
export const reportedEventual = (verdict: EventualVerdict, replay: string, expectation: Expectation): ReportedVerdict => {
  const counterexample = eventualView(verdict, replay);
  return {
    status: verdict.status,
    scenario: verdict.scenario,
    design: `${verdict.implementation.design} (${verdict.implementation.name})`,
    backend: verdict.implementation.backend,
    mode: `${verdict.mode}${verdict.faults ? "" : ", no faults"}`,
    evidence: eventualEvidence(verdict),
    ...expectation,
    ...(counterexample === undefined ? {} : { counterexample }),
  };
};
