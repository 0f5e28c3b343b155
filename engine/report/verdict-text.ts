import { programSize } from "../program.js";
import type { Verdict } from "../random/check.js";
import { counterexampleReport } from "./counterexample-report.js";
import { headline } from "./failure-text.js";
import { ms, plural } from "./format.js";

/** `lamp-socket · naive check-then-act (naive) · memory · concurrent` */
export const verdictTitle = (verdict: Verdict): string =>
  `${verdict.scenario} · ${verdict.implementation.design} (${verdict.implementation.name}) · ${verdict.implementation.backend} · ${verdict.mode}`;

/** One line: the verdict and its evidence. */
export const verdictLine = (verdict: Verdict): string => {
  const title = verdictTitle(verdict);
  switch (verdict.status) {
    case "passed":
      // One task runs a sequential check's commands: its runs differ in what they execute, never in how they interleave.
      return `✓ passed    ${title}: ${verdict.runs} runs, ${verdict.distinctInterleavings} distinct ${verdict.mode === "sequential" ? "executions" : "interleavings"}, ${ms(verdict.durationMs)}`;
    case "unknown":
      return `? unknown   ${title}: no violation in ${verdict.runs} runs, but ${verdict.undecidedRuns} were too large to decide linearizability`;
    case "violated": {
      const example = verdict.counterexample;
      const failure = example?.execution.failure;
      const size = example === undefined ? 0 : programSize(example.case);
      const switches = verdict.mode === "sequential" ? "" : ` with ${plural(example?.execution.preemptions ?? 0, "preemption")}`;
      return `✗ violated  ${title}: ${failure === undefined ? "" : headline(failure)}; found after ${plural(example?.runsToFailure ?? 0, "run")}, shrunk to ${plural(size, "command")}${switches}`;
    }
  }
};

/** The full report of a failure: what broke, the minimal commands, the timeline, the replay command. */
export const verdictReport = (verdict: Verdict, replay: string): string => {
  const example = verdict.counterexample;
  const failure = example?.execution.failure;
  if (example === undefined || failure === undefined) return verdictLine(verdict);
  const { preemptions, decisions } = example.execution;
  return counterexampleReport(
    verdictTitle(verdict),
    verdict.implementation.claim,
    { ...example.execution, failure },
    [
      `found after ${plural(example.runsToFailure, "run")}, shrunk ${plural(example.shrinks, "time")}${verdict.mode === "sequential" ? "" : `; ${plural(preemptions, "preemption")} (⚡) in ${plural(decisions, "decision")}`}`,
      ...(example.extraSearch === 0
        ? []
        : [
            `smallest from extra search ${example.extraSearch} (seed ${verdict.seed} + ${example.extraSearch} = ${example.seed}), so its replay gives that seed`,
          ]),
    ],
    replay,
  );
};
