import type { Mode } from "../engine/random/check.js";
import { errorText } from "../engine/blame.js";
import type { BackendSession } from "../engine/backend.js";
import { shardOf, shardText } from "../engine/shard.js";
import { backendNamed } from "../backends/index.js";
import { checkOne, checkTitle } from "./check-one.js";
import { runExhaustive } from "./exhaustive-command.js";
import { progressLine, RunProgress } from "./progress.js";
import { type CheckResult, runIdentity, writeShardResult } from "./shard-result.js";
import { selectTargets, type Target } from "./targets.js";
import type { VerifyFlags } from "./verify-options.js";
import { WorkerPool } from "./workers/pool.js";
import { checksProgress } from "./workers/progress.js";

/** One random check of the matrix: a design on a scenario in one mode, numbered as every shard and worker numbers it. */
export interface Check {
  readonly target: Target;
  readonly index: number;
  readonly mode: Mode;
  readonly title: string;
}

/** The matrix of random checks in the order every shard and worker numbers it, and this shard's checks of it. */
export const checksOf = (
  targets: ReadonlyArray<Target>,
  flags: Pick<VerifyFlags, "modes" | "shard">,
): { readonly matrix: ReadonlyArray<Check>; readonly checks: ReadonlyArray<Check> } => {
  const matrix = targets.flatMap((target, index) => flags.modes.map((mode) => ({ target, index, mode, title: checkTitle(target, mode) })));
  return { matrix, checks: shardOf(matrix, flags.shard).map(({ item }) => item) };
};

/** Runs the selected matrix (this shard's checks of it), one backend session at a time, and prints one verdict per check. */
export const runVerify = async (flags: VerifyFlags): Promise<number> => {
  if (flags.exhaustive) return runExhaustive(flags);
  const targets = await selectTargets(flags);
  const { matrix, checks } = checksOf(targets, flags);
  const run = new RunProgress(checks.map((check) => check.title));
  const pool = flags.workers > 1 && checks.length > 1 ? WorkerPool.start(Math.min(flags.workers, checks.length), flags) : undefined;
  const seed = flags.seed ?? Math.floor(Math.random() * 0x7fffffff);
  const results: CheckResult[] = [];
  try {
    const status = await verifyMatrix(checks, matrix.length, flags, seed, run, pool, results);
    if (flags.shardResult !== undefined && run.going)
      await writeShardResult(
        flags.shardResult,
        runIdentity(
          flags,
          matrix.map((check) => check.title),
          seed,
        ),
        flags.shard,
        results,
      );
    return status;
  } finally {
    if (!run.going) pool?.stop();
    await pool?.close();
    run.close();
  }
};

const verifyMatrix = async (
  checks: ReadonlyArray<Check>,
  matrixSize: number,
  flags: VerifyFlags,
  seed: number,
  run: RunProgress,
  pool: WorkerPool | undefined,
  results: CheckResult[],
): Promise<number> => {
  const { out } = run;
  const strategy = flags.strategy === "preemptions" ? "" : ` · strategy ${flags.strategy}`;
  const shard = flags.shard.count === 1 ? "" : ` · shard ${shardText(flags.shard)}: ${checks.length} of the matrix's ${matrixSize} checks`;
  const workers = pool === undefined ? "" : ` · ${pool.size} worker threads`;
  out(`invariant-lab verify · seed ${seed}${strategy}${shard}${workers}${flags.seed === undefined ? " (pass --seed to repeat this run exactly)" : ""}`);

  const tally = { expected: 0, unexpected: 0 };
  const byBackend = new Map<string, Check[]>();
  for (const check of checks) byBackend.set(check.target.implementation.backend, [...(byBackend.get(check.target.implementation.backend) ?? []), check]);
  for (const [name, group] of byBackend) {
    if (!run.going) break;
    const backend = backendNamed(name);
    if (backend === undefined) throw new Error(`no backend named ${name}`);
    const asked = flags.backends.includes(name) || flags.implementations.length > 0;
    const missing = asked ? undefined : backend.unavailable?.();
    if (missing !== undefined) {
      const line = `- not covered: ${group.length} checks on ${name}: ${missing}`;
      out(`\n${line}`);
      for (const check of group) results.push({ check: check.title, expected: check.target.expected[check.mode], status: "not covered", ok: true, lines: [] });
      continue;
    }
    let session;
    try {
      session = run.interruptible(await backend.start());
    } catch (error) {
      const line = `✗ backend ${name} could not start: ${errorText(error)}`;
      out(line);
      tally.unexpected += group.length;
      for (const check of group)
        results.push({ check: check.title, expected: check.target.expected[check.mode], status: "error", ok: false, lines: [`${line} (${check.title})`] });
      continue;
    }
    out(`\n${name}: ${session.description}`);
    try {
      await run.watch(flags.timeLimitMs ?? backend.timeLimitMs);
      const verdicts = pool === undefined ? inThisThread(group, flags, seed, session, run) : onWorkers(group, pool, seed, run);
      for await (const { check, lines, ok } of verdicts) {
        // A check the interrupt cut short has no verdict: it failed because its backend went away.
        if (!run.going) break;
        for (const line of lines) out(line);
        results.push({ check: check.title, expected: check.target.expected[check.mode], status: ok ? "expected" : "unexpected", ok, lines });
        run.completed(check.title);
        tally[ok ? "expected" : "unexpected"]++;
      }
    } finally {
      await run.unwatch();
      await session.stop();
    }
  }
  const total = tally.expected + tally.unexpected;
  out(`\n${total} verdict${total === 1 ? "" : "s"}: ${tally.expected} as expected, ${tally.unexpected} unexpected.`);
  return tally.unexpected === 0 ? 0 : 1;
};

interface Checked {
  readonly check: Check;
  readonly lines: ReadonlyArray<string>;
  readonly ok: boolean;
}

/** The checks one after the other in this thread, each reported as soon as it ends. */
async function* inThisThread(group: ReadonlyArray<Check>, flags: VerifyFlags, seed: number, session: BackendSession, run: RunProgress) {
  for (const check of group) {
    if (!run.going) return;
    const progress = progressLine(process.stderr, check.title, () => run.going);
    run.checking = check.title;
    const lines: string[] = [];
    const ok = await checkOne(check.target, check.mode, flags, seed, session, (line) => lines.push(line), progress.update);
    progress.done();
    yield { check, lines, ok } satisfies Checked;
  }
}

/**
 * The checks on the pool's workers, all at once (each worker takes the next when it is free), and
 * reported in the matrix's order: the output is the single thread's, whichever check ends first.
 */
async function* onWorkers(group: ReadonlyArray<Check>, pool: WorkerPool, seed: number, run: RunProgress) {
  const progress = checksProgress(process.stderr, pool.size, () => run.going);
  const pending = group.map(async (check): Promise<Checked> => {
    try {
      const result = await pool.run({ kind: "check", target: check.index, mode: check.mode, seed }, (runs) => progress.update(check.title, runs));
      if (result.kind !== "checked") throw new Error(`a worker answered a check with ${result.kind}`);
      return { check, lines: result.lines, ok: result.ok };
    } catch (error) {
      return { check, lines: [`✗ error     ${check.title}: ${errorText(error)}`], ok: false };
    } finally {
      progress.finished(check.title);
    }
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
