import type { Execution } from "../execute.js";
import type { Failure } from "../failure.js";
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
  const tasks = [...new Set(history.operations.map((operation) => operation.task))];
  const commands = tasks.map((task) => `${task}: ${history.operations.filter((operation) => operation.task === task).map((operation) => operation.text).join(", ")}`);
  return [
    `✗ ${title}`,
    `  claim: ${claim}; broken: ${headline(failure)}`,
    ...details(failure, history).map((line) => `    ${line}`),
    `  minimal commands (P runs first, alone; T1…T3 run concurrently):`,
    ...commands.map((line) => `    ${line}`),
    ...howFound.map((line) => `  ${line}`),
    "",
    drawTimeline(history.timeline)
      .split("\n")
      .map((line) => `    ${line}`)
      .join("\n"),
    "",
    `  replay: ${replay}`,
  ].join("\n");
};
