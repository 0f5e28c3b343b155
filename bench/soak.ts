/**
 * The reliability suite (`npm run soak`): how often a correct design is wrongly reported broken, what
 * an interrupted or killed run leaves behind, and whether a counterexample comes back the same from
 * the same seed. Figures, not pass/fail: the report goes to `--out`.
 */
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { BackendSession } from "../engine/backend.js";
import { errorText } from "../engine/blame.js";
import type { Verdict } from "../engine/random/check.js";
import { strategyNames } from "../engine/schedule/strategies.js";
import { backendNamed } from "../backends/index.js";
import { startEmbeddedServer } from "../backends/postgres/server.js";
import { verify } from "../properties/verify.js";
import { knownBrokenPairs, pairsOn, pairTitle } from "./pairs.js";
import { stderrProgress } from "./progress.js";
import { INTERRUPTIBLE_CHECKS, type Moment, MOMENTS, signalTrial, type Trial } from "./soak-signals.js";

const usage = `Usage: npm run soak -- [--repeats N] [--runs-memory N] [--runs-postgres N] [--trials N] [--no-postgres] [--out FILE]
  --repeats N        checks of every correct design per strategy and backend, each from its own seed (default 3)
  --runs-memory N    random runs per check in memory (default 200)
  --runs-postgres N  random runs per check on PostgreSQL (default 10)
  --trials N         interrupt trials (SIGINT, SIGTERM) and kill trials (SIGKILL), each (default 6)
  --no-postgres      memory only: no PostgreSQL checks, no interrupt or kill trials
  --out FILE         where the figures go (default: ${join(tmpdir(), "invariant-lab-soak.md")})`;

const { values } = parseArgs({
  options: {
    repeats: { type: "string" },
    "runs-memory": { type: "string" },
    "runs-postgres": { type: "string" },
    trials: { type: "string" },
    "no-postgres": { type: "boolean" },
    out: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
const count = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} takes a whole number, not "${value}"`);
  return Number(value);
};
if (values.help === true) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const repeats = count("repeats", values.repeats, 3);
const runs: Record<string, number> = {
  memory: count("runs-memory", values["runs-memory"], 200),
  postgres: count("runs-postgres", values["runs-postgres"], 10),
};
const trials = count("trials", values.trials, 6);
const backendNames = values["no-postgres"] === true ? ["memory"] : ["memory", "postgres"];
const out = values.out ?? join(tmpdir(), "invariant-lab-soak.md");
const progress = stderrProgress();
const FIRST_SEED = 1;

/** Runs `work` on a fresh session of `name`, stopped afterwards. */
const onSession = async <T>(name: string, work: (session: BackendSession) => Promise<T>): Promise<T> => {
  const backend = backendNamed(name);
  if (backend === undefined) throw new Error(`no backend named ${name}`);
  const session = await backend.start();
  try {
    return await work(session);
  } finally {
    await session.stop();
  }
};

/** A correct design reported anything but passed: a false alarm (an error counts as one too). */
const falseAlarms = async (backend: string, session: BackendSession): Promise<string[]> => {
  const rows: string[] = [];
  const pairs = pairsOn(backend, (entry) => entry.expected.concurrent === "passed");
  for (const strategy of strategyNames) {
    const step = progress(`${backend} · correct designs · ${strategy}`, pairs.length * repeats);
    let alarms = 0;
    const alarmed: string[] = [];
    for (const [index, pair] of pairs.entries()) {
      for (let repeat = 0; repeat < repeats; repeat++) {
        const seed = FIRST_SEED + repeat;
        const said = await verify(pair.scenario, pair.implementation, session, { mode: "concurrent", seed, strategy, numRuns: runs[backend] }).then(
          (verdict) => (verdict.status === "passed" ? undefined : verdict.status),
          (error: unknown) => `error: ${errorText(error)}`,
        );
        if (said !== undefined) {
          alarms++;
          alarmed.push(`${pairTitle(pair)} seed ${seed}: ${said}`);
        }
        step.tick(index * repeats + repeat + 1);
      }
    }
    step.done(`${alarms} false alarm(s) in ${pairs.length * repeats} checks`);
    rows.push(
      `| ${backend} | ${strategy} | ${pairs.length} | ${pairs.length * repeats} | ${pairs.length * repeats * (runs[backend] ?? 0)} | ${alarms} | ${alarmed.join("; ")} |`,
    );
  }
  return rows;
};

/** What identifies a counterexample: its seed, path, shrunk case and interleaving. */
const identity = (verdict: Verdict): string => {
  const example = verdict.counterexample;
  return example === undefined ? verdict.status : `${example.seed}/${example.path}/${JSON.stringify(example.case)}/${example.execution.fingerprint}`;
};

/**
 * Each known-broken design checked twice from one seed; a counterexample found is then replayed from
 * its seed and path, which must give the same shrunk case and interleaving.
 */
const replays = async (backend: string, session: BackendSession): Promise<string> => {
  const pairs = knownBrokenPairs(backend);
  const step = progress(`${backend} · replay determinism`, pairs.length);
  let found = 0;
  let same = 0;
  let replayed = 0;
  const differing: string[] = [];
  for (const [index, pair] of pairs.entries()) {
    const check = (options: { seed: number; path?: string }) =>
      verify(pair.scenario, pair.implementation, session, { mode: "concurrent", numRuns: runs[backend], ...options });
    try {
      const first = await check({ seed: FIRST_SEED });
      const second = await check({ seed: FIRST_SEED });
      if (identity(first) === identity(second)) same++;
      else differing.push(`${pairTitle(pair)}: two checks differ`);
      const example = first.counterexample;
      if (example !== undefined) {
        found++;
        const again = (await check({ seed: example.seed, path: example.path })).counterexample;
        if (again !== undefined && JSON.stringify(again.case) === JSON.stringify(example.case) && again.execution.fingerprint === example.execution.fingerprint)
          replayed++;
        else differing.push(`${pairTitle(pair)}: the replay differs`);
      }
    } catch (error) {
      differing.push(`${pairTitle(pair)}: ${errorText(error)}`);
    }
    step.tick(index + 1);
  }
  step.done(`${found}/${pairs.length} found, ${same}/${pairs.length} identical twice, ${replayed}/${found} replayed`);
  return `| ${backend} | ${pairs.length} | ${found} | ${same}/${pairs.length} | ${replayed}/${found} | ${differing.join("; ")} |`;
};

/** When each trial signals, and on which server: every moment on a server of the run's own, then the two a server it did not start has. */
const PLANS: ReadonlyArray<{ readonly moment: Moment; readonly ownServer: boolean }> = [
  ...MOMENTS.map((moment) => ({ moment, ownServer: true })),
  { moment: "header", ownServer: false },
  { moment: "first-verdict", ownServer: false },
];

/** Interrupts and kills of `verify` on PostgreSQL at each moment in turn, with what each left. */
const signalTrials = async (): Promise<string[]> => {
  const server = await startEmbeddedServer();
  const rows: string[] = [];
  try {
    for (const signal of ["SIGINT", "SIGTERM", "SIGKILL"] as const) {
      const step = progress(`postgres · ${signal} trials`, trials);
      const done: Trial[] = [];
      for (let index = 0; index < trials; index++) {
        const plan = PLANS[index % PLANS.length] ?? { moment: "first-verdict", ownServer: true };
        // Kills use a server of their own: what a dead owner leaves there, the next start sweeps.
        const database = plan.ownServer || signal === "SIGKILL" ? "" : server.url;
        const trial = await signalTrial(INTERRUPTIBLE_CHECKS, database, signal, plan.moment);
        done.push(trial);
        if (!trial.sent)
          step.note(`${plan.moment}: the run ended (exit ${trial.exitCode}) before the moment came${trial.lastWords === "" ? "" : `: ${trial.lastWords}`}`);
        if (trial.left.length > 0) step.note(`${plan.moment}${database === "" ? "" : " (server not its own)"}: left ${trial.left.join(", ")}`);
        step.tick(index + 1);
      }
      const sent = done.filter((trial) => trial.sent);
      const sum = (of: (trial: Trial) => number) => sent.reduce((total, trial) => total + of(trial), 0);
      const rightCode = sent.filter((trial) => trial.expectedCode === undefined || trial.exitCode === trial.expectedCode).length;
      const announced = signal === "SIGKILL" ? "—" : `${sent.filter((trial) => trial.announced).length}/${sent.length}`;
      const afterSweep = signal === "SIGKILL" ? String(sum((trial) => trial.residueAfterSweep)) : "—";
      step.done(`${sent.length} sent, residue ${sum((trial) => trial.residue)}`);
      rows.push(
        `| ${signal} | ${sent.length}/${trials} | ${announced} | ${signal === "SIGKILL" ? "—" : `${rightCode}/${sent.length}`} | ${sum((trial) => trial.verdictsAfterInterrupt)} | ${sum((trial) => trial.residue)} | ${afterSweep} |`,
      );
    }
  } finally {
    await server.stop();
  }
  return rows;
};

const started = performance.now();
const alarmRows: string[] = [];
const replayRows: string[] = [];
for (const backend of backendNames) {
  await onSession(backend, async (session) => {
    alarmRows.push(...(await falseAlarms(backend, session)));
    replayRows.push(await replays(backend, session));
  });
}
const trialRows = backendNames.includes("postgres") && trials > 0 ? await signalTrials() : [];

const report = [
  `# Reliability (npm run soak -- --repeats ${repeats} --runs-memory ${runs.memory} --runs-postgres ${runs.postgres} --trials ${trials}${backendNames.includes("postgres") ? "" : " --no-postgres"})`,
  "",
  `${new Date().toISOString().slice(0, 10)}, ${((performance.now() - started) / 1000).toFixed(0)} s in all.`,
  "",
  "## False alarms: correct designs in concurrent mode, seeds 1.." + String(repeats),
  "",
  "| backend | strategy | pairs | checks | runs | false alarms | which |",
  "|---|---|---|---|---|---|---|",
  ...alarmRows,
  "",
  "## Replay determinism: known-broken designs, seed 1, checked twice; each counterexample found replayed from its seed and path",
  "",
  "| backend | pairs | counterexamples found | same verdict twice | replay gives the same case and interleaving | differing |",
  "|---|---|---|---|---|---|",
  ...replayRows,
  ...(trialRows.length === 0
    ? []
    : [
        "",
        `## Interrupted and killed runs of \`verify ${INTERRUPTIBLE_CHECKS.join(" ")}\`, in turn: at the header, once the embedded server's directory exists, after the first verdict (the run's own embedded server), then at the header and after the first verdict on a server it did not start (interrupts only)`,
        "",
        "| signal | sent | announced | exit 128+n | verdict lines after the interrupt | residue at exit | residue after the next start's sweep |",
        "|---|---|---|---|---|---|---|",
        ...trialRows,
        "",
        "Residue: server processes, server directories, password files and schema records left in the run's temporary directory.",
      ]),
  "",
].join("\n");
await writeFile(out, report);
process.stderr.write(`figures written to ${out}\n`);
