import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { modelRunSearch } from "./baseline-model-run.js";
import { schedulerSearch } from "./baseline-scheduler.js";
import { renderBenchmarks } from "./markdown.js";
import { costSection } from "./cost.js";
import { eventualSection } from "./eventual.js";
import { mariadbBench } from "./mariadb.js";
import { type BenchOptions, type BenchSection, benchUsage, BenchUsageError, parseBenchFlags } from "./options.js";
import { postgresBench } from "./postgres.js";
import { postgresProofsSection } from "./postgres-proofs.js";
import { PROOF_HEADING, proofSection } from "./proof.js";
import { stderrProgress } from "./progress.js";
import { mutationSection } from "./mutation.js";
import { measureRaces } from "./races.js";
import { type BenchReport, finish, machine } from "./report.js";
import { seedList } from "./samples.js";
import { errorText, searchPairs } from "./search-pairs.js";
import { FULL_SCALE, QUICK_SCALE, type ServerBench } from "./server-bench.js";
import { serverBench } from "./server-section.js";
import { spliceSection, spliceTargets, targetRow } from "./splice.js";
import { checkTargets, MAX_MEDIAN_RUNS, type TargetCheck } from "./targets.js";
import { measureThroughput } from "./throughput.js";
import { workersSection } from "./workers.js";

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
  const out = options.out === undefined ? DEFAULT_OUT : resolve(options.out);
  if (options.section !== undefined) return runSection(out, options.section, options, commandLine(args));
  const started = performance.now();
  const taken = machine(commandLine(args), new Date());
  const progress = stderrProgress();
  const seeds = seedList(options.seeds);

  const races = await measureRaces(BACKEND, seeds, MAX_RUNS, progress);
  const pairs = races.pairs.map((result) => result.pair);
  const runs = races.runsPerCheck;
  const scheduler = await searchPairs("fc.scheduler", pairs, seeds, runs, (pair, seed) => schedulerSearch(pair, seed, runs), progress);
  const modelRun = await searchPairs("fc.scheduledModelRun", pairs, seeds, runs, (pair, seed) => modelRunSearch(pair, seed, runs), progress);
  const throughput = await measureThroughput(BACKEND, THROUGHPUT_SCENARIO, progress);
  const servers = [...(options.postgres ? [postgresBench] : []), ...(options.mariadb ? [mariadbBench] : [])];
  const extra = { sections: [] as string[], targets: [] as TargetCheck[] };
  for (const bench of servers) {
    const measured = await serverBench(bench, options.quick ? QUICK_SCALE : FULL_SCALE, progress, taken.command);
    extra.sections.push(...(measured.sections ?? []));
    extra.targets.push(...(measured.targets ?? []));
  }
  const proofs = options.proof ? [await proofSection({ seeds, progress })] : [];
  const postgresProofs = options.postgres ? [await postgresProofsSection(taken.command, progress)] : [];
  const mutation = await mutationSection({ seeds, postgres: options.postgres, progress });
  const workers = await workersSection(progress);
  const eventual = await eventualSection({ progress });
  const cost = await costSection(progress);

  const report: BenchReport = {
    machine: finish(taken),
    seeds,
    durationMs: performance.now() - started,
    races,
    baselines: { scheduler, modelRun },
    runsPerBaselineCheck: runs,
    throughput,
  };
  await writeFile(
    out,
    renderBenchmarks(report, { ...extra, sections: [...(extra.sections ?? []), ...proofs, ...postgresProofs, mutation, workers, eventual, cost] }),
  );
  for (const check of [...checkTargets(report), ...(extra.targets ?? [])])
    process.stdout.write(`${check.met ? "✓" : "✗"} ${check.target}: ${check.measured}\n`);
  process.stdout.write(`wrote ${out}\n`);
  return 0;
};

/** What `--section` measures for a name, what its report line calls it, and the section a report without it gets it after. */
interface SectionMeasure {
  readonly name: string;
  readonly measure: () => Promise<Measured>;
  readonly after: string | undefined;
}

/** A section's text, and the rows of the targets table it owns: those whose target names `owner`. */
interface Measured {
  readonly section: string;
  readonly targets: ReadonlyArray<TargetCheck>;
  readonly owner: string;
}

/** A section that owns no row of the targets table. */
const alone = (section: string): Measured => ({ section, targets: [], owner: "" });

const sectionMeasure = (section: BenchSection, options: BenchOptions, command: string): SectionMeasure => {
  const server = async (bench: ServerBench): Promise<Measured> => {
    const { sections = [], targets = [] } = await serverBench(bench, options.quick ? QUICK_SCALE : FULL_SCALE, stderrProgress(), command);
    return { section: sections.join("\n\n"), targets, owner: bench.engine };
  };
  switch (section) {
    case "postgres-proofs":
      return { name: "PostgreSQL proofs", measure: () => postgresProofsSection(command).then(alone), after: PROOF_HEADING };
    case "mutation":
      return {
        name: "mutation",
        measure: () => mutationSection({ seeds: seedList(options.seeds), postgres: options.postgres }).then(alone),
        after: PROOF_HEADING,
      };
    case "workers":
      return { name: "worker-threads", measure: () => workersSection(stderrProgress()).then(alone), after: undefined };
    case "mariadb":
      return { name: mariadbBench.engine, measure: () => server(mariadbBench), after: postgresBench.title };
    case "postgres":
      return { name: postgresBench.engine, measure: () => server(postgresBench), after: undefined };
    case "eventual":
      return { name: "eventual-consistency", measure: () => eventualSection({ progress: stderrProgress() }).then(alone), after: undefined };
    case "cost":
      return { name: "cost", measure: () => costSection(stderrProgress()).then(alone), after: undefined };
  }
};

/**
 * `npm run bench -- --section NAME`: that section alone, put into the report at `out` in place of
 * its earlier figures (when it had none, after the section that precedes it in a whole run, or at the end); the rest of the report, the
 * targets table included, stays as the last whole run wrote it. The report is read first, so that a
 * missing one costs no measuring.
 */
const runSection = async (out: string, section: BenchSection, options: BenchOptions, command: string): Promise<number> => {
  let report: string;
  try {
    report = await readFile(out, "utf8");
  } catch (error) {
    process.stderr.write(`bench: --section puts its figures into an existing report, and ${out} cannot be read: ${errorText(error)}\n`);
    return 2;
  }
  const { name, measure, after } = sectionMeasure(section, options, command);
  const { section: text, targets, owner } = await measure();
  // The table's other rows are the full run's: these say where they come from.
  const stamp = `measured alone by \`${command}\` on ${new Date().toISOString().slice(0, 10)}`;
  const rows = targets.map((check) => targetRow({ ...check, measured: `${check.measured} (${stamp})` }));
  await writeFile(out, spliceTargets(spliceSection(report, text, after), owner, rows));
  for (const check of targets) process.stdout.write(`${check.met ? "✓" : "✗"} ${check.target}: ${check.measured}\n`);
  process.stdout.write(`wrote the ${name} section into ${out}\n`);
  return 0;
};

process.exitCode = await runBench(process.argv.slice(2));
