import type { Mode } from "../engine/random/check.js";
import { errorText } from "../engine/blame.js";
import { type DesignHeader, designHeader } from "../engine/implementation.js";
import { reportedVerdict } from "../engine/report/html/entry.js";
import { verdictLine, verdictReport, verdictTitle } from "../engine/report/verdict-text.js";
import { backendNamed } from "../backends/index.js";
import { unseenStepsWarning, verifyObserved } from "../properties/verify.js";
import type { CheckResult } from "./check-result.js";
import { runExhaustive } from "./exhaustive-command.js";
import { HtmlReportFile } from "./html-report-file.js";
import { progressLine, RunProgress } from "./progress.js";
import { replayCommand } from "./replay.js";
import { writeCiReport } from "./write-report.js";
import { selectTargets, type Target } from "./targets.js";
import { eventualCheckTitle, type EventualTarget, selectEventualTargets, verifyEventualOne } from "./verify-eventual.js";
import type { VerifyFlags } from "./verify-options.js";

const indent = (text: string): string =>
  text
    .split("\n")
    .map((line) => (line === "" ? line : `    ${line}`))
    .join("\n");

/** Runs the selected matrix, one backend session at a time, and prints one verdict per cell. */
export const runVerify = async (flags: VerifyFlags): Promise<number> => {
  if (flags.exhaustive) return runExhaustive(flags);
  const eventual = selectEventualTargets(flags);
  const targets = await selectTargets(flags, eventual.length);
  const html = HtmlReportFile.open(flags.html);
  const run = new RunProgress([
    ...targets.flatMap((target) => flags.modes.map((mode) => `${checkTitle(target)} · ${mode}`)),
    ...eventual.flatMap((target) => flags.modes.map((mode) => eventualCheckTitle(target, mode))),
  ]);
  try {
    const seed = flags.seed ?? Math.floor(Math.random() * 0x7fffffff);
    const results = await verifyMatrix(targets, eventual, flags, seed, run, html);
    // An interrupted run has no report to give: its last check failed only because its backend went away.
    if (run.going) await writeCiReport(flags, seed, results);
    return results.every((result) => result.asExpected || result.outcome === "not-covered") ? 0 : 1;
  } finally {
    run.close();
  }
};

const checkTitle = ({ scenario, implementation }: Target): string => `${scenario.name} · ${implementation.name}`;

/** What a report needs of a cell that got no verdict. */
interface Cell {
  readonly scenario: { readonly name: string };
  readonly implementation: DesignHeader;
  readonly expected: Target["expected"];
}

const eventualCell = ({ scenario, entry }: EventualTarget): Cell & Pick<Target, "scenario"> => ({
  scenario,
  implementation: entry.implementation,
  expected: entry.expected,
});

/** A cell that got no verdict: its backend is missing here, or did not start. */
const unverified = (target: Cell, mode: Mode, outcome: "error" | "not-covered", line: string): CheckResult => ({
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
  durationMs: 0,
});

const verifyMatrix = async (
  targets: ReadonlyArray<Target>,
  eventual: ReadonlyArray<EventualTarget>,
  flags: VerifyFlags,
  seed: number,
  run: RunProgress,
  html: HtmlReportFile | undefined,
): Promise<ReadonlyArray<CheckResult>> => {
  const { out } = run;
  const strategy = flags.strategy === "preemptions" ? "" : ` · strategy ${flags.strategy}`;
  const header = `invariant-lab verify · seed ${seed}${strategy}`;
  out(`${header}${flags.seed === undefined ? " (pass --seed to repeat this run exactly)" : ""}`);

  const results: CheckResult[] = [];
  const byBackend = new Map<string, Target[]>();
  for (const target of targets) byBackend.set(target.implementation.backend, [...(byBackend.get(target.implementation.backend) ?? []), target]);
  // Eventually-consistent designs share their backend's session, after its linearizable ones.
  const eventualByBackend = new Map<string, EventualTarget[]>();
  for (const target of eventual) {
    const name = target.entry.implementation.backend;
    eventualByBackend.set(name, [...(eventualByBackend.get(name) ?? []), target]);
    if (!byBackend.has(name)) byBackend.set(name, []);
  }
  for (const [name, group] of byBackend) {
    const eventualGroup = eventualByBackend.get(name) ?? [];
    if (!run.going) break;
    const backend = backendNamed(name);
    if (backend === undefined) throw new Error(`no backend named ${name}`);
    const cells = group.flatMap((target) => flags.modes.map((mode) => [target, mode] as const));
    const eventualCells = eventualGroup.flatMap((target) => flags.modes.map((mode) => [target, mode] as const));
    const asked = flags.backends.includes(name) || flags.implementations.length > 0;
    const missing = asked ? undefined : backend.unavailable?.();
    if (missing !== undefined) {
      const count = cells.length + eventualCells.length;
      run.paragraph(`- not covered: ${count} checks on ${name}: ${missing}`);
      html?.notMade(`${count} checks on ${name}: ${missing}`);
      results.push(...cells.map(([target, mode]) => unverified(target, mode, "not-covered", `- not covered ${checkTitle(target)} · ${mode}: ${missing}`)));
      results.push(
        ...eventualCells.map(([target, mode]) =>
          unverified(eventualCell(target), mode, "not-covered", `- not covered ${eventualCheckTitle(target, mode)}: ${missing}`),
        ),
      );
      continue;
    }
    let session;
    try {
      session = run.interruptible(await backend.start());
    } catch (error) {
      const line = `✗ backend ${name} could not start: ${errorText(error)}`;
      out(line);
      results.push(...cells.map(([target, mode]) => unverified(target, mode, "error", line)));
      results.push(...eventualCells.map(([target, mode]) => unverified(eventualCell(target), mode, "error", line)));
      for (const [target, mode] of cells) html?.error(target, mode, `backend ${name} could not start: ${errorText(error)}`);
      for (const [target, mode] of eventualCells) html?.error(eventualCell(target), mode, `backend ${name} could not start: ${errorText(error)}`);
      continue;
    }
    run.paragraph(`${name}: ${session.description}`);
    try {
      await run.watch(flags.timeLimitMs ?? backend.timeLimitMs);
      for (const [target, mode] of cells) {
        if (!run.going) break;
        const result = await verifyOne(target, mode, flags, seed, session, run, html);
        // A check the interrupt cut short has no verdict: it failed because its backend went away.
        if (!run.going) break;
        run.completed(`${checkTitle(target)} · ${mode}`);
        results.push(result);
      }
      for (const [target, mode] of eventualCells) {
        if (!run.going) break;
        const result = await verifyEventualOne(target, mode, flags, seed, session, run, html);
        if (!run.going) break;
        run.completed(eventualCheckTitle(target, mode));
        results.push(result);
      }
    } finally {
      await run.unwatch();
      await session.stop();
    }
  }
  const verdicts = results.filter((result) => result.outcome !== "not-covered");
  const expected = verdicts.filter((result) => result.asExpected).length;
  const warnings = results.reduce((sum, result) => sum + result.warnings.length, 0);
  const warned = warnings === 0 ? "" : `, ${warnings} warning${warnings === 1 ? "" : "s"}`;
  run.paragraph(`${verdicts.length} verdict${verdicts.length === 1 ? "" : "s"}: ${expected} as expected, ${verdicts.length - expected} unexpected${warned}.`);
  // An interrupted run has verdicts for some checks only: it leaves no page that could pass for the whole run.
  if (html !== undefined && run.going) out(html.write(header));
  return results;
};

/**
 * One check, printed as one line; its full report follows when the verdict is unexpected, when a
 * counterexample is replayed (`--path`), or for every violation with `--verbose`. A known-broken
 * design caught as expected is evidence the harness works, not news: one line says so.
 */
const verifyOne = async (
  target: Target,
  mode: Mode,
  flags: VerifyFlags,
  seed: number,
  session: Parameters<typeof verifyObserved>[2],
  run: RunProgress,
  html: HtmlReportFile | undefined,
): Promise<CheckResult> => {
  const { scenario, implementation } = target;
  const { out } = run;
  const title = `${checkTitle(target)} · ${mode}`;
  const progress = progressLine(process.stderr, title, () => run.going);
  const started = performance.now();
  run.checking = title;
  let observed;
  try {
    observed = await verifyObserved(scenario, implementation, session, {
      mode,
      seed,
      strategy: flags.strategy,
      onProgress: progress.update,
      numRuns: flags.runs,
      path: flags.path,
      timeLimitMs: flags.timeLimitMs,
      linearizabilityBudget: flags.linearizabilityBudget,
      family: target.family,
    });
  } catch (error) {
    progress.done();
    const line = `✗ error     ${title}: ${errorText(error)}`;
    out(line);
    html?.error(target, mode, errorText(error));
    return { ...unverified(target, mode, "error", line), durationMs: performance.now() - started };
  }
  progress.done();
  const { verdict } = observed;
  const expected = target.expected[mode];
  const ok = verdict.status === expected;
  const expectation = ok
    ? expected === "violated"
      ? "expected: a known-broken design"
      : ""
    : target.builtIn
      ? `UNEXPECTED: expected ${expected}`
      : `its claim (${implementation.claim}) does not hold`;
  const note = expectation === "" ? "" : ok ? `  (${expectation})` : `  ← ${expectation}`;
  const line = `${verdictLine(verdict)}${note}`;
  out(line);
  // A counterexample's seed and path only mean something under the strategy that generated them.
  const replay = `${replayCommand(verdict, target.implementationArgument, target.familyArgument)}${flags.strategy === "preemptions" ? "" : ` --strategy ${flags.strategy}`}`;
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
