import { programSize } from "../program.js";
import type { Verdict } from "../random/check.js";
import { counterexampleText, counterexampleView, type CounterexampleView } from "./counterexample-report.js";
import { headline } from "./failure-text.js";
import { ms, plural } from "./format.js";

/** `lamp-socket · naive check-then-act (naive) · memory · concurrent` */
export const verdictTitle = (verdict: Verdict): string =>
  `${verdict.scenario} · ${verdict.implementation.design} (${verdict.implementation.name}) · ${verdict.implementation.backend} · ${verdict.mode}`;

/** What a verdict rests on: its runs, or its counterexample's headline and size. */
export const verdictEvidence = (verdict: Verdict): string => {
  switch (verdict.status) {
    case "passed":
      // One task runs a sequential check's commands: its runs differ in what they execute, never in how they interleave.
      return `${verdict.runs} runs, ${verdict.distinctInterleavings} distinct ${verdict.mode === "sequential" ? "executions" : "interleavings"}, ${ms(verdict.durationMs)}`;
    case "unknown":
      return `no violation in ${verdict.runs} runs, but ${verdict.undecidedRuns} were too large to decide linearizability`;
    case "violated": {
      const example = verdict.counterexample;
      const failure = example?.execution.failure;
      const size = example === undefined ? 0 : programSize(example.case);
      const switches = verdict.mode === "sequential" ? "" : ` with ${plural(example?.execution.preemptions ?? 0, "preemption")}`;
      return `${failure === undefined ? "" : headline(failure)}; found after ${plural(example?.runsToFailure ?? 0, "run")}, shrunk to ${plural(size, "command")}${switches}`;
    }
  }
};

const marks = { passed: "✓ passed   ", unknown: "? unknown  ", violated: "✗ violated " } as const;

/** One line: the verdict and its evidence. */
export const verdictLine = (verdict: Verdict): string => `${marks[verdict.status]} ${verdictTitle(verdict)}: ${verdictEvidence(verdict)}`;

/** A violated verdict's counterexample, laid out for any report; undefined for any other verdict. */
export const verdictView = (verdict: Verdict, replay: string): CounterexampleView | undefined => {
  const example = verdict.counterexample;
  const failure = example?.execution.failure;
  if (example === undefined || failure === undefined) return undefined;
  const { preemptions, decisions } = example.execution;
  return counterexampleView(
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

/** The full report of a failure: what broke, the minimal commands, the timeline, the replay command. */
export const verdictReport = (verdict: Verdict, replay: string): string => {
  const view = verdictView(verdict, replay);
  return view === undefined ? verdictLine(verdict) : counterexampleText(view);
};
