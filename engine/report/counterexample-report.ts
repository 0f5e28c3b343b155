import type { Execution } from "../execute.js";
import type { Failure } from "../failure.js";
import { type History, START_TASK } from "../history.js";
import { PREFIX_TASK } from "../program.js";
import { details, headline, storedState, type StoredState, unexplainedOutcomes, type UnexplainedOutcome } from "./failure-text.js";
import { drawTimelineView, timelineView, type TimelineView } from "./timeline.js";

/**
 * A counterexample as every report draws it, text or HTML: what broke, the evidence, the minimal
 * commands, how it was found, the timeline in lanes and the command that replays it.
 */
export interface CounterexampleView {
  readonly title: string;
  readonly claim: string;
  readonly headline: string;
  /** The evidence as lines (`- socket s1 holds 2 (limit 1)`); `outcomes` and `state` hold the same, in parts. */
  readonly details: ReadonlyArray<string>;
  readonly outcomes: ReadonlyArray<UnexplainedOutcome>;
  readonly state: StoredState | undefined;
  /** The scenario's starting state, when it has one. */
  readonly from: string | undefined;
  /** `minimal commands (P runs first, alone; T1…T3 run concurrently)` */
  readonly commandsTitle: string;
  readonly commands: ReadonlyArray<{ readonly task: string; readonly commands: ReadonlyArray<string> }>;
  /** How it was found and shrunk (and, for messaging designs, its faults). */
  readonly notes: ReadonlyArray<string>;
  readonly timeline: TimelineView;
  readonly replay: string;
}

/** Once the starting state was reached it is one line; a failure on the way there shows every step. */
export const shownTask =
  <Command, Outcome>(history: History<Command, Outcome>) =>
  (task: string): boolean =>
    history.start?.reached !== true || task !== START_TASK;

/** How the tasks of a counterexample ran, naming only those it has: a sequential one has no concurrency to speak of. */
const howTheyRan = (tasks: ReadonlyArray<string>): string => {
  const concurrent = tasks.filter((task) => task !== PREFIX_TASK && task !== START_TASK);
  const sequential = tasks.filter((task) => !concurrent.includes(task));
  if (concurrent.length < 2) return "one at a time";
  const together = `${concurrent.slice(0, -1).join(", ")} and ${concurrent.at(-1) ?? ""} run concurrently`;
  return sequential.length === 0 ? together : `${sequential.join(", ")} first, one command at a time; then ${together}`;
};

/** Each task's commands in order, tasks in the order they first appear. */
export const minimalCommands = <Command, Outcome>(history: History<Command, Outcome>): CounterexampleView["commands"] => {
  const operations = history.operations.filter((operation) => shownTask(history)(operation.task));
  return [...new Set(operations.map((operation) => operation.task))].map((task) => ({
    task,
    commands: operations.filter((operation) => operation.task === task).map((operation) => operation.text),
  }));
};

/** The view of a linearizable run's failure, whichever search found it. */
export const counterexampleView = <Command, Outcome>(
  title: string,
  claim: string,
  execution: Execution<Command, Outcome> & { readonly failure: Failure },
  howFound: ReadonlyArray<string>,
  replay: string,
): CounterexampleView => {
  const { history, failure } = execution;
  const commands = minimalCommands(history);
  return {
    title,
    claim,
    headline: headline(failure),
    details: details(failure, history),
    outcomes: unexplainedOutcomes(failure, history),
    state: storedState(failure),
    from:
      history.start === undefined
        ? undefined
        : `${history.start.summary}${history.start.reached ? "" : " (not reached: the failure happened on the way there)"}`,
    commandsTitle: `minimal commands (${howTheyRan(commands.map((entry) => entry.task))})`,
    commands,
    notes: howFound,
    timeline: timelineView(history.timeline.filter((event) => shownTask(history)(event.task))),
    replay,
  };
};

/** The text report of a counterexample. */
export const counterexampleText = (view: CounterexampleView): string =>
  [
    `✗ ${view.title}`,
    `  claim: ${view.claim}; broken: ${view.headline}`,
    ...view.details.map((line) => `    ${line}`),
    ...(view.from === undefined ? [] : [`  from: ${view.from}`]),
    `  ${view.commandsTitle}:`,
    ...view.commands.map(({ task, commands }) => `    ${task}: ${commands.join(", ")}`),
    ...view.notes.map((line) => `  ${line}`),
    "",
    drawTimelineView(view.timeline)
      .split("\n")
      .map((line) => `    ${line}`)
      .join("\n"),
    "",
    `  replay: ${view.replay}`,
  ].join("\n");

/** The body every failure report shares: {@link counterexampleView} as text. */
export const counterexampleReport = <Command, Outcome>(
  title: string,
  claim: string,
  execution: Execution<Command, Outcome> & { readonly failure: Failure },
  howFound: ReadonlyArray<string>,
  replay: string,
): string => counterexampleText(counterexampleView(title, claim, execution, howFound, replay));
