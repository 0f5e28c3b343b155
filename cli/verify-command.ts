import { DEFAULT_STRATEGY } from "../engine/schedule/strategies.js";
import type { Mode } from "../engine/random/check.js";
import type { BackendSession } from "../engine/backend.js";
import { errorText } from "../engine/blame.js";
import { shardOf, shardText } from "../engine/shard.js";
import { backendNamed } from "../backends/index.js";
import { type Cell, checkOne, checkTitle, unverified } from "./check-one.js";
import type { CheckResult } from "./check-result.js";
import { runExhaustive } from "./exhaustive-command.js";
import { HtmlReportFile } from "./html-report-file.js";
import { progressLine, RunProgress } from "./progress.js";
import { runIdentity, type CheckResult as ShardCheck, writeShardResult } from "./shard-result.js";
import { writeCiReport } from "./write-report.js";
import { selectTargets, type Target } from "./targets.js";
import { eventualCheckTitle, type EventualTarget, selectEventualTargets, verifyEventualOne } from "./verify-eventual.js";
import type { VerifyFlags } from "./verify-options.js";
import { WorkerPool } from "./workers/pool.js";
import { checksProgress } from "./workers/progress.js";

/**
 * One random check of the matrix: a design on a scenario in one mode, numbered as every shard and
 * worker numbers it. `index` is the target's place among the linearizable targets (workers select
 * the same ones); eventually-consistent checks come after them and always run in this thread.
 */
export type Check =
  | { readonly kind: "linearizable"; readonly target: Target; readonly index: number; readonly mode: Mode; readonly title: string }
  | { readonly kind: "eventual"; readonly target: EventualTarget; readonly mode: Mode; readonly title: string };

/** The matrix of random checks in the order every shard and worker numbers it, and this shard's checks of it. */
export const checksOf = (
  targets: ReadonlyArray<Target>,
  eventual: ReadonlyArray<EventualTarget>,
  flags: Pick<VerifyFlags, "modes" | "shard">,
): { readonly matrix: ReadonlyArray<Check>; readonly checks: ReadonlyArray<Check> } => {
  const matrix: ReadonlyArray<Check> = [
    ...targets.flatMap((target, index) => flags.modes.map((mode) => ({ kind: "linearizable" as const, target, index, mode, title: checkTitle(target, mode) }))),
    ...eventual.flatMap((target) => flags.modes.map((mode) => ({ kind: "eventual" as const, target, mode, title: eventualCheckTitle(target, mode) }))),
  ];
  return { matrix, checks: shardOf(matrix, flags.shard).map(({ item }) => item) };
};

const backendOfCheck = (check: Check): string =>
  check.kind === "linearizable" ? check.target.implementation.backend : check.target.entry.implementation.backend;

const cellOf = (check: Check): Cell =>
  check.kind === "linearizable"
    ? check.target
    : { scenario: check.target.scenario, implementation: check.target.entry.implementation, expected: check.target.entry.expected };

/** Runs the selected matrix (this shard's checks of it), one backend session at a time, and prints one verdict per check. */
export const runVerify = async (flags: VerifyFlags): Promise<number> => {
  if (flags.exhaustive) return runExhaustive(flags);
  const eventual = selectEventualTargets(flags);
  const targets = await selectTargets(flags, eventual.length);
  const html = HtmlReportFile.open(flags.html);
  const { matrix, checks } = checksOf(targets, eventual, flags);
  const run = new RunProgress(checks.map((check) => check.title));
  const threaded = checks.filter((check) => check.kind === "linearizable").length;
  const pool = flags.workers > 1 && threaded > 1 ? WorkerPool.start(Math.min(flags.workers, threaded), flags) : undefined;
  const seed = flags.seed ?? Math.floor(Math.random() * 0x7fffffff);
  try {
    const results = await verifyMatrix(checks, matrix.length, flags, seed, run, pool, html);
    // An interrupted run has no report to give: its last check failed only because its backend went away.
    if (run.going)
      await writeCiReport(
        flags,
        seed,
        results.map(({ result }) => result),
      );
    if (flags.shardResult !== undefined && run.going)
      await writeShardResult(
        flags.shardResult,
        runIdentity(
          flags,
          matrix.map((check) => check.title),
          seed,
        ),
        flags.shard,
        results.map(shardCheckOf),
      );
    return results.every(({ result }) => result.asExpected || result.outcome === "not-covered") ? 0 : 1;
  } finally {
    if (!run.going) pool?.stop();
    await pool?.close();
    run.close();
  }
};

/** A check's result and the lines it printed. */
interface Checked {
  readonly check: Check;
  readonly result: CheckResult;
  readonly lines: ReadonlyArray<string>;
}

/** What `invariant-lab merge` needs of a check: its title, verdict and the lines it printed. */
const shardCheckOf = ({ check, result, lines }: Checked): ShardCheck => ({
  check: check.title,
  expected: result.expected,
  status: result.outcome === "not-covered" ? "not covered" : result.outcome === "error" ? "error" : result.asExpected ? "expected" : "unexpected",
  ok: result.asExpected || result.outcome === "not-covered",
  lines,
});

const verifyMatrix = async (
  checks: ReadonlyArray<Check>,
  matrixSize: number,
  flags: VerifyFlags,
  seed: number,
  run: RunProgress,
  pool: WorkerPool | undefined,
  html: HtmlReportFile | undefined,
): Promise<ReadonlyArray<Checked>> => {
  const { out } = run;
  const strategy = flags.strategy === DEFAULT_STRATEGY ? "" : ` · strategy ${flags.strategy}`;
  const shard = flags.shard.count === 1 ? "" : ` · shard ${shardText(flags.shard)}: ${checks.length} of the matrix's ${matrixSize} checks`;
  const workers = pool === undefined ? "" : ` · ${pool.size} worker threads`;
  const header = `invariant-lab verify · seed ${seed}${strategy}${shard}${workers}`;
  out(`${header}${flags.seed === undefined ? " (pass --seed to repeat this run exactly)" : ""}`);

  const results: Checked[] = [];
  const byBackend = new Map<string, Check[]>();
  for (const check of checks) byBackend.set(backendOfCheck(check), [...(byBackend.get(backendOfCheck(check)) ?? []), check]);
  for (const [name, group] of byBackend) {
    if (!run.going) break;
    const backend = backendNamed(name);
    if (backend === undefined) throw new Error(`no backend named ${name}`);
    const asked = flags.backends.includes(name) || flags.implementations.length > 0;
    const missing = asked ? undefined : backend.unavailable?.();
    if (missing !== undefined) {
      run.paragraph(`- not covered: ${group.length} checks on ${name}: ${missing}`);
      html?.notMade(`${group.length} checks on ${name}: ${missing}`);
      for (const check of group)
        results.push({ check, result: unverified(cellOf(check), check.mode, "not-covered", `- not covered ${check.title}: ${missing}`), lines: [] });
      continue;
    }
    let session;
    try {
      session = run.interruptible(await backend.start());
    } catch (error) {
      const line = `✗ backend ${name} could not start: ${errorText(error)}`;
      out(line);
      for (const check of group) {
        results.push({ check, result: unverified(cellOf(check), check.mode, "error", line), lines: [`${line} (${check.title})`] });
        html?.error(cellOf(check), check.mode, `backend ${name} could not start: ${errorText(error)}`);
      }
      continue;
    }
    run.paragraph(`${name}: ${session.description}`);
    try {
      await run.watch(flags.timeLimitMs ?? backend.timeLimitMs);
      const linearizable = group.filter((check) => check.kind === "linearizable");
      const verdicts = pool === undefined ? inThisThread(linearizable, flags, seed, session, run, html) : onWorkers(linearizable, pool, seed, run);
      for await (const checked of verdicts) {
        // A check the interrupt cut short has no verdict: it failed because its backend went away.
        if (!run.going) break;
        for (const line of checked.lines) out(line);
        run.completed(checked.check.title);
        results.push(checked);
      }
      for (const check of group) {
        if (check.kind !== "eventual" || !run.going) continue;
        const lines: string[] = [];
        const result = await verifyEventualOne(check.target, check.mode, flags, seed, session, run, html, (line) => lines.push(line));
        if (!run.going) break;
        run.completed(check.title);
        results.push({ check, result, lines });
      }
    } finally {
      await run.unwatch();
      await session.stop();
    }
  }
  const verdicts = results.filter(({ result }) => result.outcome !== "not-covered");
  const expected = verdicts.filter(({ result }) => result.asExpected).length;
  const warnings = results.reduce((sum, { result }) => sum + result.warnings.length, 0);
  const warned = warnings === 0 ? "" : `, ${warnings} warning${warnings === 1 ? "" : "s"}`;
  run.paragraph(`${verdicts.length} verdict${verdicts.length === 1 ? "" : "s"}: ${expected} as expected, ${verdicts.length - expected} unexpected${warned}.`);
  // An interrupted run has verdicts for some checks only: it leaves no page that could pass for the whole run.
  if (html !== undefined && run.going) out(html.write(header));
  return results;
};

type LinearizableCheck = Extract<Check, { readonly kind: "linearizable" }>;

/** The checks one after the other in this thread, each reported as soon as it ends. */
async function* inThisThread(
  group: ReadonlyArray<LinearizableCheck>,
  flags: VerifyFlags,
  seed: number,
  session: BackendSession,
  run: RunProgress,
  html: HtmlReportFile | undefined,
): AsyncGenerator<Checked> {
  for (const check of group) {
    if (!run.going) return;
    const progress = progressLine(process.stderr, check.title, () => run.going);
    run.checking = check.title;
    const lines: string[] = [];
    const result = await checkOne(check.target, check.mode, flags, seed, session, (line) => lines.push(line), progress.update, html);
    progress.done();
    yield { check, result, lines };
  }
}

/**
 * The checks on the pool's workers, all at once (each worker takes the next when it is free), and
 * reported in the matrix's order: the output is the single thread's, whichever check ends first.
 * Their verdicts come back as the lines they printed (`--html` and `--reporter` need one thread).
 */
async function* onWorkers(group: ReadonlyArray<LinearizableCheck>, pool: WorkerPool, seed: number, run: RunProgress): AsyncGenerator<Checked> {
  const progress = checksProgress(process.stderr, pool.size, () => run.going);
  const pending = group.map(async (check): Promise<Checked> => {
    let lines: ReadonlyArray<string>;
    let ok: boolean;
    try {
      const answer = await pool.run({ kind: "check", target: check.index, mode: check.mode, seed }, (runs) => progress.update(check.title, runs));
      if (answer.kind !== "checked") throw new Error(`a worker answered a check with ${answer.kind}`);
      ({ lines, ok } = answer);
    } catch (error) {
      lines = [`✗ error     ${check.title}: ${errorText(error)}`];
      ok = false;
    } finally {
      progress.finished(check.title);
    }
    const line = lines[0] ?? "";
    const outcome = line.startsWith("✓") ? "passed" : line.startsWith("✗ violated") ? "violated" : line.startsWith("?") ? "unknown" : "error";
    return { check, lines, result: { ...unverified(check.target, check.mode, "error", line), outcome, asExpected: ok } };
  });
  try {
    for (const checked of pending) {
      const next = await checked;
      // The report's lines go where the progress line was; the next update draws it again below them.
      progress.done();
      yield next;
    }
  } finally {
    progress.done();
  }
}
