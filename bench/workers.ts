import { execFile } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ms, table, times } from "./format.js";
import { type Progress, stderrProgress } from "./progress.js";

/** The section's heading: `--section workers` replaces the section under it. */
const WORKERS_HEADING = "## Worker threads: the same proof on 1 and 2 workers";

/** A proof timed on each worker count, as a team would start it. */
interface Proof {
  readonly title: string;
  readonly args: ReadonlyArray<string>;
}

const PROOFS: ReadonlyArray<Proof> = [
  // The largest default domain (group-membership, 1,916 programs): the registry's proof is over in
  // seconds, so starting the workers weighs; the unit of work's is twice as long and weighs the work.
  { title: "memory, registry", args: ["verify", "--exhaustive", "--scenario", "group-membership", "--impl", "registry", "--summary"] },
  { title: "memory, unit-of-work", args: ["verify", "--exhaustive", "--scenario", "group-membership", "--impl", "unit-of-work", "--summary"] },
  // A proof on a server (3,434 executions, under a minute on one worker) spends most of its time waiting for
  // answers; each worker starts an embedded server of its own.
  {
    title: "PostgreSQL",
    args: ["verify", "--exhaustive", "--backend", "postgres", "--domain", "pairs", "--scenario", "cell-allocation", "--impl", "pg-row-locks", "--summary"],
  },
];
/** Each worker count runs this many times, alternating, so that a change in the machine's load falls on both. */
const ROUNDS = 2;
const WORKER_COUNTS = [1, 2] as const;

const root = fileURLToPath(new URL("..", import.meta.url));

interface Timed {
  readonly proof: Proof;
  readonly workers: number;
  readonly wallMs: number;
  readonly executions: string;
  readonly verdict: string;
}

/** One run of the CLI, as a team starts it: the wall time includes starting the workers and loading the designs in each. */
const timeProof = async (proof: Proof, workers: number): Promise<Timed> => {
  const started = performance.now();
  const { stdout } = await promisify(execFile)("node", ["bin/invariant-lab.js", ...proof.args, "--workers", String(workers)], {
    cwd: root,
    env: { ...process.env, FORCE_COLOR: "0" },
    maxBuffer: 16 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  const line = stdout.split("\n").find((text) => text.startsWith("✓") || text.startsWith("✗") || text.startsWith("?")) ?? "";
  return { proof, workers, wallMs, executions: /([\d,]+) executions/.exec(line)?.[1] ?? "–", verdict: line.slice(0, line.indexOf(" ", 2)).trim() };
};

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/**
 * The "Worker threads" section of BENCHMARKS.md: the same proofs through the CLI on 1 and 2 worker
 * threads, alternating, with the machine's load beside the times (two workers can only gain what
 * the machine's second core has free).
 */
export const workersSection = async (progress: Progress = stderrProgress()): Promise<string> => {
  const load = { start: loadavg()[0] ?? 0, end: 0 };
  const step = progress("worker threads", ROUNDS * WORKER_COUNTS.length * PROOFS.length);
  const runs: Timed[] = [];
  for (const proof of PROOFS)
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? WORKER_COUNTS : [...WORKER_COUNTS].reverse();
      for (const workers of order) {
        runs.push(await timeProof(proof, workers));
        step.tick(runs.length);
      }
    }
  load.end = loadavg()[0] ?? 0;
  const of = (proof: Proof, workers: number) => runs.filter((run) => run.proof === proof && run.workers === workers);
  const medianOf = (proof: Proof, workers: number) => median(of(proof, workers).map((run) => run.wallMs));
  step.done(PROOFS.map((proof) => `${proof.title}: 1 worker ${ms(medianOf(proof, 1))}, 2 workers ${ms(medianOf(proof, 2))}`).join("; "));
  const same = (proof: Proof) => new Set(runs.filter((run) => run.proof === proof).map((run) => `${run.verdict} ${run.executions}`)).size === 1;
  return [
    WORKERS_HEADING,
    "",
    `\`npx invariant-lab <proof> --workers N\`, ${ROUNDS} runs per proof and worker count, alternating; wall time of the whole command`,
    `(starting the workers, loading the designs and, on PostgreSQL, starting an embedded server in each, included). ${availableParallelism()} cores;`,
    `one-minute load average ${load.start.toFixed(1)} at the start and ${load.end.toFixed(1)} at the end. Regenerate this section alone with \`npm run bench -- --section workers\`.`,
    "",
    ...PROOFS.map((proof) => `- ${proof.title}: \`npx invariant-lab ${proof.args.join(" ")}\``),
    "",
    table(
      ["proof", "workers", "verdict", "executions", "wall time per run", "median"],
      PROOFS.flatMap((proof) =>
        WORKER_COUNTS.map((workers) => [
          proof.title,
          String(workers),
          of(proof, workers)[0]?.verdict ?? "–",
          of(proof, workers)[0]?.executions ?? "–",
          of(proof, workers)
            .map((run) => ms(run.wallMs))
            .join(", "),
          ms(medianOf(proof, workers)),
        ]),
      ),
      ["l", "r", "l", "r", "l", "r"],
    ),
    "",
    ...PROOFS.map(
      (proof) =>
        `- ${proof.title}, 2 workers against 1: ${times(medianOf(proof, 1) / medianOf(proof, 2))} (median wall time, ${ms(medianOf(proof, 1))} → ${ms(medianOf(proof, 2))}).`,
    ),
    "- Two workers can only gain what the second core has free; when the load exceeds the cores, two threads also get a larger",
    "  share of them than one, so read the ratio beside the load average. A proof on a server gains more than its share of",
    "  the cores suggests: most of an execution is waiting for the server's answers.",
    `- ${PROOFS.every(same) ? "Every run of a proof gave the same verdict with the same number of executions" : "**The runs of a proof did not all give the same verdict and executions**"}: the workers split the proof's programs, not its result.`,
    "",
  ].join("\n");
};
