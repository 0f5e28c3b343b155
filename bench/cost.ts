import { execFile } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type Progress, stderrProgress } from "./progress.js";

/** The section's heading: `--section cost` replaces the section under it. */
const COST_HEADING = "## The price of each design: `invariant-lab cost`";

/** The command a team runs, with tables as Markdown: every correct design, in memory and on PostgreSQL. */
const COST = ["cost", "--backend", "memory", "--backend", "postgres", "--markdown"];

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * The cost section of BENCHMARKS.md: `invariant-lab cost` on every correct design, one hot spot
 * against the ids spread over copies, with the machine's load beside it (the figures are wall-clock
 * throughput and latency under real concurrency, so a busy machine lowers them all).
 */
export const costSection = async (progress: Progress = stderrProgress()): Promise<string> => {
  const step = progress("cost of each correct design", 1);
  const load = loadavg()[0] ?? 0;
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)("node", ["bin/invariant-lab.js", ...COST], {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: "0" },
      maxBuffer: 16 * 1024 * 1024,
    }));
  } catch (error) {
    // Errors of designs under load are part of the figures: the command prints them and exits 1.
    const failed = error as { stdout?: string; message?: string };
    if (failed.stdout === undefined || failed.stdout === "") throw error;
    stdout = failed.stdout;
  }
  step.tick(1);
  step.done("written");
  const [first, ...rest] = stdout.trimEnd().split("\n");
  return [
    COST_HEADING,
    "",
    `\`npx invariant-lab ${COST.join(" ")}\` (docs/cost.md); ${availableParallelism()} cores, one-minute load average ${load.toFixed(1)} at the start.`,
    "Regenerate this section alone with `npm run bench -- --section cost`.",
    "",
    `> ${first ?? ""}`,
    ...rest.map((line) => (line.startsWith("memory:") || line.startsWith("postgres:") ? `### ${line}` : line)),
  ].join("\n");
};
