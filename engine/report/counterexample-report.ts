import type { Execution } from "../execute.js";
import type { Failure } from "../failure.js";
import { START_TASK } from "../history.js";
import { PREFIX_TASK } from "../program.js";
import { details, headline } from "./failure-text.js";
import { drawTimeline } from "./timeline.js";

/** How the tasks of a counterexample ran, naming only those it has: a sequential one has no concurrency to speak of. */
const howTheyRan = (tasks: ReadonlyArray<string>): string => {
  const concurrent = tasks.filter((task) => task !== PREFIX_TASK && task !== START_TASK);
  const sequential = tasks.filter((task) => !concurrent.includes(task));
  if (concurrent.length < 2) return "one at a time";
  const together = `${concurrent.slice(0, -1).join(", ")} and ${concurrent.at(-1) ?? ""} run concurrently`;
  return sequential.length === 0 ? together : `${sequential.join(", ")} first, one command at a time; then ${together}`;
};

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
    `  minimal commands (${howTheyRan(tasks)}):`,
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
