import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { chmod, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SERVER_DIR_PREFIX, sweepOrphanedServers } from "../backends/postgres/residue.js";

const BIN = join(import.meta.dirname, "..", "bin", "invariant-lab.js");

/** Four PostgreSQL checks of correct designs, a few runs each: the first verdict comes soon, the others are still to come. */
export const INTERRUPTIBLE_CHECKS: ReadonlyArray<string> = [
  "--backend",
  "postgres",
  "--scenario",
  "group-membership",
  "--impl",
  "pg-row-locks",
  "--impl",
  "pg-unit-of-work",
  "--runs",
  "5",
  "--seed",
  "7",
  "--summary",
];

/** When a trial sends its signal: at the header, once the embedded server's directory exists, or after the first verdict. */
export type Moment = "header" | "server-directory" | "first-verdict";
export const MOMENTS: ReadonlyArray<Moment> = ["header", "server-directory", "first-verdict"];

/** What one interrupted or killed `verify` left and said. */
export interface Trial {
  readonly signal: NodeJS.Signals;
  readonly moment: Moment;
  /** false: the run ended before the moment came, and the trial says nothing. */
  readonly sent: boolean;
  /** The last thing the run said on stderr, to tell why a signal was not sent. */
  readonly lastWords: string;
  readonly exitCode: number | null;
  /** The exit status an interrupt must give (128 + the signal's number); undefined for SIGKILL. */
  readonly expectedCode: number | undefined;
  /** Verdict lines printed after the interrupt line: each blames a design for the interrupt. */
  readonly verdictsAfterInterrupt: number;
  readonly announced: boolean;
  /** Server processes, server directories, password files and schema records left when it exited. */
  readonly residue: number;
  /** What was left, in words (after the sweep, for kills). */
  readonly left: ReadonlyArray<string>;
  /** What is still left once the next start has swept what a dead owner left (kills only). */
  readonly residueAfterSweep: number;
}

const CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

const reached = async (moment: Moment, stdout: string, root: string): Promise<boolean> => {
  if (moment === "header") return /^invariant-lab verify · /m.test(stdout);
  if (moment === "first-verdict") return /^[✓✗] /m.test(stdout);
  return (await readdir(root)).some((name) => name.startsWith(SERVER_DIR_PREFIX));
};

/** Processes whose command line names `dir`: an embedded server (or its initdb) names its data directory. */
const processesNaming = async (dir: string): Promise<string[]> => {
  const found: string[] = [];
  for (const pid of (await readdir("/proc")).filter((entry) => /^\d+$/.test(entry))) {
    const command = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (command.includes(dir)) found.push(`process ${command.split("\0")[0]?.split("/").at(-1) ?? pid}`);
  }
  return found;
};

const residueIn = async (root: string): Promise<string[]> => {
  const paths = (await readdir(root, { recursive: true })).map(String);
  const left = paths.filter(
    (path) => (path.startsWith(SERVER_DIR_PREFIX) && !path.includes("/")) || path.includes("pg-password") || path.includes("invariant-lab-schema"),
  );
  const contents = async (path: string) => (path.includes("/") ? path : `${path}/ (${(await readdir(join(root, path)).catch(() => [])).join(" ") || "empty"})`);
  return [...(await Promise.all(left.map(contents))), ...(await processesNaming(root))];
};

/**
 * Runs `verify` on PostgreSQL (`args`), in a temporary directory of its own, and sends `signal` at
 * `moment`. After a SIGKILL, it also counts what is left once a sweep like the next start's ran.
 */
export const signalTrial = async (args: ReadonlyArray<string>, database: string, signal: NodeJS.Signals, moment: Moment): Promise<Trial> => {
  const root = await mkdtemp(join(tmpdir(), "invariant-lab-soak-"));
  // As root, an embedded server runs as the user postgres, who must be able to pass through.
  await chmod(root, 0o755);
  try {
    const child = spawn(process.execPath, [BIN, "verify", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, TMPDIR: root, DATABASE_URL: database },
    });
    let stdout = "";
    let sent = false;
    const consider = async (): Promise<void> => {
      if (sent || !(await reached(moment, stdout, root)) || sent) return;
      sent = true;
      child.kill(signal);
    };
    const watcher = watch(root, () => void consider());
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      void consider();
    });
    const exitCode = await new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    watcher.close();
    const lines = stdout.split("\n");
    const at = lines.findIndex((line) => line.startsWith(`interrupted by ${signal}`));
    const residue = await residueIn(root);
    let left = residue;
    if (signal === "SIGKILL") {
      await sweepOrphanedServers(root);
      left = await residueIn(root);
    }
    return {
      signal,
      moment,
      sent,
      lastWords: stderr.trim().split("\n").at(-1) ?? "",
      exitCode,
      expectedCode: CODES[signal],
      verdictsAfterInterrupt: at < 0 ? 0 : lines.slice(at + 1).filter((line) => /^[✓✗] /.test(line)).length,
      announced: at >= 0,
      residue: residue.length,
      residueAfterSweep: left.length,
      left,
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
};
