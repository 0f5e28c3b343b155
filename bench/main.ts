import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { modelRunSearch } from "./baseline-model-run.js";
import { schedulerSearch } from "./baseline-scheduler.js";
import { renderBenchmarks } from "./markdown.js";
import { eventualSection } from "./eventual.js";
import { benchUsage, BenchUsageError, parseBenchFlags } from "./options.js";
import { postgresBench } from "./postgres.js";
import { proofSection } from "./proof.js";
import { stderrProgress } from "./progress.js";
import { mutationSection } from "./mutation.js";
import { measureRaces } from "./races.js";
import { type BenchReport, finish, machine } from "./report.js";
import { seedList } from "./samples.js";
import { searchPairs } from "./search-pairs.js";
import { checkTargets, MAX_MEDIAN_RUNS } from "./targets.js";
import { measureThroughput } from "./throughput.js";

/** The backend of the races and the baselines: they create their instances without a backend session. */
const BACKEND = "memory";
/** The scenario of the notes' baseline: one lamp per socket, one socket per lamp. */
const THROUGHPUT_SCENARIO = "lamp-socket";
/**
 * Random runs per check, for the engine and the baselines alike. Ten times the target tells a race
 * that is merely slow to find from one that is missed, and keeps the bench within minutes.
 */
const MAX_RUNS = 10 * MAX_MEDIAN_RUNS;
const DEFAULT_OUT = fileURLToPath(new URL("../BENCHMARKS.md", import.meta.url));

const shellWord = (word: string): string => (/^[\w./=:@-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`);

/** The command as the user typed it, as far as the process can tell. */
const commandLine = (args: ReadonlyArray<string>): string => {
  const words = args.map(shellWord).join(" ");
  if (process.env.npm_lifecycle_event === "bench") return words === "" ? "npm run bench" : `npm run bench -- ${words}`;
  return `node --import tsx bench/main.ts${words === "" ? "" : ` ${words}`}`;
};

/**
 * `npm run bench`: measures how fast the engine finds and shrinks the catalogue's known races, next
 * to baselines built on fast-check's own scheduler, and writes BENCHMARKS.md. Progress goes to
 * stderr; the exit status is 2 for bad flags, 0 once the report is written (a missed target is a
 * finding in the report, not a failure of the bench).
 */
const runBench = async (args: ReadonlyArray<string>): Promise<number> => {
  let options;
  try {
    options = parseBenchFlags(args);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${benchUsage}\n`);
    return 0;
  }
  const started = performance.now();
  const taken = machine(commandLine(args), new Date());
  const progress = stderrProgress();
  const seeds = seedList(options.seeds);
  if (options.section === "eventual") {
    const section = await eventualSection({ progress });
    if (options.out === undefined) process.stdout.write(`${section}\n`);
    else await writeFile(resolve(options.out), `${section}\n`);
    return 0;
  }

  const races = await measureRaces(BACKEND, seeds, MAX_RUNS, progress);
  const pairs = races.pairs.map((result) => result.pair);
  const runs = races.runsPerCheck;
  const scheduler = await searchPairs("fc.scheduler", pairs, seeds, runs, (pair, seed) => schedulerSearch(pair, seed, runs), progress);
  const modelRun = await searchPairs("fc.scheduledModelRun", pairs, seeds, runs, (pair, seed) => modelRunSearch(pair, seed, runs), progress);
  const throughput = await measureThroughput(BACKEND, THROUGHPUT_SCENARIO, progress);
  const extra = options.postgres ? await postgresBench(progress) : {};
  const proofs = options.proof ? [await proofSection({ seeds, progress })] : [];
  const mutation = await mutationSection({ seeds, progress });
  const eventual = await eventualSection({ progress });

  const report: BenchReport = {
    machine: finish(taken),
    seeds,
    durationMs: performance.now() - started,
    races,
    baselines: { scheduler, modelRun },
    runsPerBaselineCheck: runs,
    throughput,
  };
  const out = options.out === undefined ? DEFAULT_OUT : resolve(options.out);
  await writeFile(out, renderBenchmarks(report, { ...extra, sections: [...(extra.sections ?? []), ...proofs, mutation, eventual] }));
  for (const check of [...checkTargets(report), ...(extra.targets ?? [])])
    process.stdout.write(`${check.met ? "✓" : "✗"} ${check.target}: ${check.measured}\n`);
  process.stdout.write(`wrote ${out}\n`);
  return 0;
};

process.exitCode = await runBench(process.argv.slice(2));
