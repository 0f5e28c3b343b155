import { programSize } from "../engine/program.js";
import type { Mode } from "../engine/random/check.js";
import type { Strategy } from "../engine/schedule/strategy.js";
import type { CheckResult } from "./check-result.js";
import type { RunSummary } from "./run-summary.js";

/**
 * The JSON report of `verify --reporter json` (docs/ci-reports.md). Its shape is stable within a
 * `version`: fields are added, never renamed or removed, and every field is always present (`null`
 * where it does not apply), so that a CI script can read it without guessing.
 */
export interface VerifyJsonReport {
  readonly format: "invariant-lab verify";
  readonly version: 1;
  /** The seed of the whole run: the one printed at the top of the text output. */
  readonly seed: number;
  readonly strategy: Strategy;
  /** The command that repeats the whole run exactly. */
  readonly rerun: string;
  /** Whether every verdict is the expected one: the exit status is 0 exactly when this is true. */
  readonly asExpected: boolean;
  readonly counts: {
    readonly checks: number;
    readonly asExpected: number;
    readonly unexpected: number;
    readonly notCovered: number;
    readonly warnings: number;
    readonly passed: number;
    readonly violated: number;
    readonly unknown: number;
    readonly error: number;
  };
  readonly checks: ReadonlyArray<VerifyJsonCheck>;
}

/** One cell of the matrix: scenario × design × backend × mode. */
export interface VerifyJsonCheck {
  readonly scenario: string;
  /** The design's name, as `--impl` takes it for a built-in design. */
  readonly design: string;
  /** The design in words. */
  readonly description: string;
  readonly backend: string;
  readonly mode: Mode;
  readonly claim: string;
  /** `passed` for a correct design (or a team's), `violated` for a known-broken one. */
  readonly expected: "passed" | "violated";
  readonly verdict: "passed" | "violated" | "unknown" | "error" | "not-covered";
  readonly asExpected: boolean;
  /** The verdict line as printed. */
  readonly line: string;
  /** The seed that repeats this check: for a counterexample, the seed its replay needs (see `replay`). */
  readonly seed: number | null;
  /** With `seed`, the counterexample's path (`--path`). */
  readonly path: string | null;
  /** The command that repeats this check; for a violation, straight to its counterexample. */
  readonly replay: string | null;
  readonly runs: number | null;
  /** Distinct interleavings (concurrent) or distinct executions (sequential) the runs covered. */
  readonly distinct: number | null;
  readonly durationMs: number;
  readonly counterexample: {
    readonly commands: number;
    readonly preemptions: number;
    readonly runsToFailure: number;
    readonly shrinks: number;
    /** The full text report: what broke, the minimal commands, the timeline, the replay. */
    readonly report: string;
  } | null;
  /** What to do about an undecided check; null otherwise. */
  readonly advice: string | null;
  readonly warnings: ReadonlyArray<string>;
}

const check = (result: CheckResult): VerifyJsonCheck => {
  const { verdict } = result;
  const example = verdict?.counterexample;
  return {
    scenario: result.scenario,
    design: result.design.name,
    description: result.design.design,
    backend: result.design.backend,
    mode: result.mode,
    claim: result.design.claim,
    expected: result.expected,
    verdict: result.outcome,
    asExpected: result.asExpected,
    line: result.line,
    seed: example?.seed ?? verdict?.seed ?? null,
    path: example?.path ?? null,
    replay: result.replay ?? null,
    runs: verdict?.runs ?? null,
    distinct: verdict?.distinctInterleavings ?? null,
    durationMs: Math.round(result.durationMs),
    counterexample:
      example === undefined
        ? null
        : {
            commands: programSize(example.case),
            preemptions: example.execution.preemptions,
            runsToFailure: example.runsToFailure,
            shrinks: example.shrinks,
            report: result.report ?? "",
          },
    advice: verdict?.status === "unknown" ? (result.report ?? null) : null,
    warnings: result.warnings,
  };
};

export const jsonReport = (summary: RunSummary, results: ReadonlyArray<CheckResult>): VerifyJsonReport => {
  const checks = results.map(check);
  const covered = checks.filter((one) => one.verdict !== "not-covered");
  const outcome = (verdict: VerifyJsonCheck["verdict"]) => checks.filter((one) => one.verdict === verdict).length;
  const unexpected = covered.filter((one) => !one.asExpected).length;
  return {
    format: "invariant-lab verify",
    version: 1,
    ...summary,
    asExpected: unexpected === 0,
    counts: {
      checks: checks.length,
      asExpected: covered.length - unexpected,
      unexpected,
      notCovered: outcome("not-covered"),
      warnings: checks.reduce((sum, one) => sum + one.warnings.length, 0),
      passed: outcome("passed"),
      violated: outcome("violated"),
      unknown: outcome("unknown"),
      error: outcome("error"),
    },
    checks,
  };
};
