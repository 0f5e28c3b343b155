import type { Verdict } from "../check.js";
import { details, headline } from "./failure-text.js";
import { drawTimeline } from "./timeline.js";

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? "" : "s"}`;

const ms = (duration: number): string => (duration < 1000 ? `${Math.round(duration)} ms` : `${(duration / 1000).toFixed(1)} s`);

/** `lamp-socket · naive check-then-act (naive) · memory · concurrent` */
export const verdictTitle = (verdict: Verdict): string =>
  `${verdict.scenario} · ${verdict.implementation.design} (${verdict.implementation.name}) · ${verdict.implementation.backend} · ${verdict.mode}`;

/** One line: the verdict and its evidence. */
export const verdictLine = (verdict: Verdict): string => {
  const title = verdictTitle(verdict);
  switch (verdict.status) {
    case "passed":
      return `✓ passed    ${title}: ${verdict.runs} runs, ${verdict.distinctInterleavings} distinct interleavings, ${ms(verdict.durationMs)}`;
    case "unknown":
      return `? unknown   ${title}: no violation in ${verdict.runs} runs, but ${verdict.undecidedRuns} were too large to decide linearizability`;
    case "violated": {
      const example = verdict.counterexample;
      const failure = example?.execution.failure;
      const size = example === undefined ? 0 : example.case.prefix.length + example.case.branches.reduce((sum, branch) => sum + branch.length, 0);
      return `✗ violated  ${title}: ${failure === undefined ? "" : headline(failure)}; found after ${plural(example?.runsToFailure ?? 0, "run")}, shrunk to ${plural(size, "command")} with ${plural(example?.execution.preemptions ?? 0, "preemption")}`;
    }
  }
};

/** The full report of a failure: what broke, the minimal commands, the timeline, the replay command. */
export const verdictReport = (verdict: Verdict, replay: string): string => {
  const example = verdict.counterexample;
  const failure = example?.execution.failure;
  if (example === undefined || failure === undefined) return verdictLine(verdict);
  const { history } = example.execution;
  const tasks = [...new Set(history.operations.map((operation) => operation.task))];
  const commands = tasks.map((task) => `${task}: ${history.operations.filter((operation) => operation.task === task).map((operation) => operation.text).join(", ")}`);
  return [
    `✗ ${verdictTitle(verdict)}`,
    `  claim: ${verdict.implementation.claim}; broken: ${headline(failure)}`,
    ...details(failure, history).map((line) => `    ${line}`),
    `  minimal commands (P runs first, alone; T1…T3 run concurrently):`,
    ...commands.map((line) => `    ${line}`),
    `  found after ${plural(example.runsToFailure, "run")}, shrunk ${plural(example.shrinks, "time")}; ${plural(example.execution.preemptions, "preemption")} (⚡) in ${plural(example.execution.decisions, "decision")}`,
    "",
    drawTimeline(history.timeline)
      .split("\n")
      .map((line) => `    ${line}`)
      .join("\n"),
    "",
    `  replay: ${replay}`,
  ].join("\n");
};
