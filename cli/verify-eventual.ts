import type { BackendSession } from "../engine/backend.js";
import type { EventualVerdict } from "../engine/eventual/check.js";
import { eventualVerdictLine, eventualVerdictReport, reportedEventual } from "../engine/eventual/report.js";
import { designHeader } from "../engine/implementation.js";
import type { Mode } from "../engine/random/check.js";
import type { AnyScenario } from "../engine/reference-model.js";
import { errorText } from "../engine/blame.js";
import { eventualCatalogue, type EventualCatalogueEntry } from "../properties/catalogue.js";
import { familyOf } from "../properties/families.js";
import { verifyEventually } from "../properties/eventual/verify-eventually.js";
import { type CheckResult, expectationNote } from "./check-result.js";
import type { HtmlReportFile } from "./html-report-file.js";
import { progressLine, type RunProgress } from "./progress.js";
import type { VerifyFlags } from "./verify-options.js";

/** One cell of the eventually-consistent matrix: a built-in design of SPEC section E on one scenario. */
export interface EventualTarget {
  readonly scenario: AnyScenario;
  readonly entry: EventualCatalogueEntry;
}

/** Whether `--impl name` names an eventually-consistent design of the catalogue. */
export const namesEventualDesign = (name: string): boolean => eventualCatalogue.some((entry) => entry.implementation.name === name);

/** The catalogue's eventually-consistent designs the `--scenario`, `--impl` and `--backend` filters select. */
export const selectEventualTargets = (flags: VerifyFlags): ReadonlyArray<EventualTarget> =>
  eventualCatalogue
    .filter((entry) => flags.implementations.length === 0 || flags.implementations.includes(entry.implementation.name))
    .filter((entry) => flags.backends.length === 0 || flags.backends.includes(entry.implementation.backend))
    .flatMap((entry) =>
      (familyOf(entry.implementation.family)?.scenarios ?? [])
        .filter((scenario) => entry.scenarios?.includes(scenario.name) ?? true)
        .filter((scenario) => flags.scenarios.length === 0 || flags.scenarios.includes(scenario.name))
        .map((scenario) => ({ scenario, entry })),
    );

export const eventualCheckTitle = ({ scenario, entry }: EventualTarget, mode: Mode): string => `${scenario.name} · ${entry.implementation.name} · ${mode}`;

/** The command that repeats an eventual verdict's check: for a counterexample, its shrunk case, faults included. */
const eventualReplay = (verdict: EventualVerdict, name: string): string => {
  const example = verdict.counterexample;
  const replay = example === undefined ? [`--seed ${verdict.seed}`] : [`--seed ${example.seed}`, `--path ${example.path}`];
  return ["npx invariant-lab verify", `--scenario ${verdict.scenario}`, `--impl ${name}`, `--mode ${verdict.mode}`, ...replay].join(" ");
};

const indent = (text: string): string =>
  text
    .split("\n")
    .map((line) => (line === "" ? line : `    ${line}`))
    .join("\n");

/**
 * Checks one eventually-consistent design on one scenario and mode and prints its line; the report
 * follows as for a linearizable check (unexpected verdicts, replays, or every one with --verbose).
 */
export const verifyEventualOne = async (
  target: EventualTarget,
  mode: Mode,
  flags: VerifyFlags,
  seed: number,
  session: BackendSession,
  run: RunProgress,
  html: HtmlReportFile | undefined,
  collect: (line: string) => void = () => undefined,
): Promise<CheckResult> => {
  const print = (line: string): void => {
    run.out(line);
    collect(line);
  };
  const { scenario, entry } = target;
  const title = eventualCheckTitle(target, mode);
  const progress = progressLine(process.stderr, title, () => run.going);
  run.checking = title;
  const started = performance.now();
  const result = (outcome: CheckResult["outcome"], asExpected: boolean, line: string, report?: string, replay?: string): CheckResult => ({
    scenario: scenario.name,
    design: designHeader(entry.implementation),
    mode,
    expected: entry.expected[mode],
    outcome,
    asExpected,
    line,
    report,
    replay,
    verdict: undefined,
    warnings: [],
    durationMs: performance.now() - started,
  });
  let verdict: EventualVerdict;
  try {
    verdict = await verifyEventually(scenario, entry.implementation, {
      mode,
      seed,
      path: flags.path,
      numRuns: flags.runs ?? (entry.implementation.backend === "memory" ? 300 : 100),
      timeLimitMs: flags.timeLimitMs,
      // Also in memory: the session the command lends lets the event loop turn between runs.
      session,
    });
  } catch (error) {
    progress.done();
    const line = `✗ error     ${title}: ${errorText(error)}`;
    print(line);
    html?.error({ scenario, implementation: entry.implementation }, mode, errorText(error));
    return result("error", false, line);
  }
  progress.done();
  const expected = entry.expected[mode];
  const ok = verdict.status === expected;
  const expectation = ok ? (expected === "violated" ? `expected: ${entry.because ?? "a known-broken design"}` : "") : `UNEXPECTED: expected ${expected}`;
  const line = `${eventualVerdictLine(verdict)}${expectationNote(ok, expectation)}`;
  print(line);
  const replay = eventualReplay(verdict, entry.implementation.name);
  const report = verdict.status === "violated" ? eventualVerdictReport(verdict, replay) : undefined;
  if (report !== undefined && !flags.summary && (flags.verbose || !ok || flags.path !== undefined)) print(`${indent(report)}\n`);
  html?.add(reportedEventual(verdict, replay, { asExpected: ok, expectation }));
  return result(verdict.status, ok, line, report, replay);
};
