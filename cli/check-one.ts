import { DEFAULT_STRATEGY } from "../engine/schedule/strategies.js";
import type { BackendSession } from "../engine/backend.js";
import { errorText } from "../engine/blame.js";
import { designHeader, type DesignHeader } from "../engine/implementation.js";
import type { Mode } from "../engine/random/check.js";
import { reportedVerdict } from "../engine/report/html/entry.js";
import { verdictLine, verdictReport, verdictTitle } from "../engine/report/verdict-text.js";
import { unseenStepsWarning, verifyObserved } from "../properties/verify.js";
import { type CheckResult, expectationNote, expectationText } from "./check-result.js";
import type { HtmlReportFile } from "./html-report-file.js";
import { replayCommand } from "./replay.js";
import type { Target } from "./targets.js";
import type { VerifyFlags } from "./verify-options.js";

const indent = (text: string): string =>
  text
    .split("\n")
    .map((line) => (line === "" ? line : `    ${line}`))
    .join("\n");

/** `lamp-socket · naive · concurrent`: how progress, interrupts and shards name a random check. */
export const checkTitle = ({ scenario, implementation }: Pick<Target, "scenario" | "implementation">, mode: Mode): string =>
  `${scenario.name} · ${implementation.name} · ${mode}`;

/** What a report needs of a cell that got no verdict. */
export interface Cell {
  readonly scenario: { readonly name: string };
  readonly implementation: DesignHeader;
  readonly expected: Target["expected"];
}

/** A cell that got no verdict: its backend is missing here, did not start, or the check threw. */
export const unverified = (target: Cell, mode: Mode, outcome: "error" | "not-covered", line: string, durationMs = 0): CheckResult => ({
  scenario: target.scenario.name,
  design: designHeader(target.implementation),
  mode,
  expected: target.expected[mode],
  outcome,
  asExpected: false,
  line,
  report: undefined,
  replay: undefined,
  verdict: undefined,
  warnings: [],
  durationMs,
});

/**
 * One random check, printed through `out` as one line; its full report follows when the verdict is
 * unexpected, when a counterexample is replayed (`--path`), or for every violation with `--verbose`.
 * A known-broken design caught as expected is evidence the harness works, not news: one line says so.
 * Written through `out`, so that a worker thread can send back exactly the lines this thread prints.
 */
export const checkOne = async (
  target: Target,
  mode: Mode,
  flags: VerifyFlags,
  seed: number,
  session: BackendSession,
  out: (line: string) => void,
  onProgress: (runs: number) => void,
  html?: HtmlReportFile,
): Promise<CheckResult> => {
  const { scenario, implementation } = target;
  const title = checkTitle(target, mode);
  const started = performance.now();
  let observed;
  try {
    observed = await verifyObserved(scenario, implementation, session, {
      mode,
      seed,
      strategy: flags.strategy,
      onProgress,
      numRuns: flags.runs,
      path: flags.path,
      timeLimitMs: flags.timeLimitMs,
      linearizabilityBudget: flags.linearizabilityBudget,
      family: target.family,
    });
  } catch (error) {
    const line = `✗ error     ${title}: ${errorText(error)}`;
    out(line);
    html?.error(target, mode, errorText(error));
    return unverified(target, mode, "error", line, performance.now() - started);
  }
  const { verdict } = observed;
  const expected = target.expected[mode];
  const ok = verdict.status === expected;
  const expectation = expectationText({ ok, expected, builtIn: target.builtIn, failed: `its claim (${implementation.claim}) does not hold` });
  const line = `${verdictLine(verdict)}${expectationNote(ok, expectation)}`;
  out(line);
  // A counterexample's seed and path only mean something under the strategy that generated them.
  const replay = `${replayCommand(verdict, target.implementationArgument, target.familyArgument)}${flags.strategy === DEFAULT_STRATEGY ? "" : ` --strategy ${flags.strategy}`}`;
  const report =
    verdict.status === "violated"
      ? verdictReport(verdict, replay)
      : verdict.status === "unknown"
        ? `${verdictTitle(verdict)}: raise --linearizability-budget (the linearizabilityBudget setting) or shorten the branches`
        : undefined;
  // A replay (--path) is asked for its report, whatever the verdict.
  if (report !== undefined && !flags.summary && (flags.verbose || !ok || flags.path !== undefined))
    out(verdict.status === "violated" ? `${indent(report)}\n` : `    ${report}`);
  html?.add(reportedVerdict(verdict, replay, { asExpected: ok, expectation }));
  const warning = unseenStepsWarning(observed);
  if (warning !== undefined) out(`  ⚠ warning: ${warning}`);
  return {
    scenario: scenario.name,
    design: verdict.implementation,
    mode,
    expected,
    outcome: verdict.status,
    asExpected: ok,
    line,
    report,
    replay,
    verdict,
    warnings: warning === undefined ? [] : [warning],
    durationMs: performance.now() - started,
  };
};
