import type { Execution } from "../execute.js";
import type { Failure } from "../failure.js";
import { START_TASK } from "../history.js";
import { details, headline } from "./failure-text.js";
import { drawTimeline } from "./timeline.js";

/**
 * The body every failure report shares, whichever search found it: what broke, the evidence, the
 * minimal commands, how it was found, the timeline and the command that replays it.
 */
export const counterexampleReport = <Command, Outcome>(
  title: string,
  claim: string,
  execution: Execution<Command, Outcome> & { readonly failure: Failure },
  howFound: ReadonlyArray<string>,
  replay: string,
): string => {
  const { history, failure } = execution;
  // Once the starting state was reached it is one line; a failure on the way there shows every step.
  const shown = history.start?.reached === true ? (task: string) => task !== START_TASK : () => true;
  const operations = history.operations.filter((operation) => shown(operation.task));
  const tasks = [...new Set(operations.map((operation) => operation.task))];
  const commands = tasks.map(
    (task) =>
      `${task}: ${operations
        .filter((operation) => operation.task === task)
        .map((operation) => operation.text)
        .join(", ")}`,
  );
  const from =
    history.start === undefined
      ? []
      : [`  from: ${history.start.summary}${history.start.reached ? "" : " (not reached: the failure happened on the way there)"}`];
  return [
    `✗ ${title}`,
    `  claim: ${claim}; broken: ${headline(failure)}`,
    ...details(failure, history).map((line) => `    ${line}`),
    ...from,
    `  minimal commands (P runs first, alone; T1…T3 run concurrently):`,
    ...commands.map((line) => `    ${line}`),
    ...howFound.map((line) => `  ${line}`),
    "",
    drawTimeline(history.timeline.filter((event) => shown(event.task)))
      .split("\n")
      .map((line) => `    ${line}`)
      .join("\n"),
    "",
    `  replay: ${replay}`,
  ].join("\n");
};
