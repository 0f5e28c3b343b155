import { spawn } from "node:child_process";
import { existsSync, type FSWatcher, readdirSync, watch } from "node:fs";
import { chmod, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SERVER_DIR_PREFIX } from "../../backends/postgres/residue.js";
import { type Server, startEmbeddedServer } from "../../backends/postgres/server.js";
import { INTERRUPTIBLE_CHECKS } from "../../bench/soak-signals.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "invariant-lab.js");
/** The checks INTERRUPTIBLE_CHECKS makes: two designs, each in both modes. */
const CHECK_COUNT = 4;

interface Interrupted {
  readonly code: number | null;
  readonly lines: ReadonlyArray<string>;
  readonly stderr: string;
}

/**
 * Runs `verify` with its temporary directory at `root` (where an embedded server lives and schemas
 * are recorded) and sends `signal` once `when` holds for what it printed so far.
 */
const interruptVerify = (root: string, database: string, signal: NodeJS.Signals, when: (stdout: string) => Promise<boolean>): Promise<Interrupted> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "verify", ...INTERRUPTIBLE_CHECKS], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, TMPDIR: root, DATABASE_URL: database },
    });
    let stdout = "";
    let stderr = "";
    let sent = false;
    const consider = async (): Promise<void> => {
      if (sent || !(await when(stdout)) || sent) return;
      sent = true;
      child.kill(signal);
    };
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      void consider();
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // A condition on the temporary directory is not announced on stdout: look again whenever it, or a
    // server's run directory in it, changes. Not one recursive watch: on Node 20 it throws an uncaught
    // ENOENT when a folder it walks (the server's data directory) is removed under it.
    const watched = new Map<string, FSWatcher>();
    const follow = (folder: string): void => {
      if (watched.has(folder)) return;
      try {
        const watcher = watch(folder, () => {
          void consider();
          followServers();
        });
        watcher.on("error", () => undefined);
        watched.set(folder, watcher);
      } catch {
        // Gone before it could be watched: nothing in it to wait for.
      }
    };
    const followServers = (): void => {
      for (const name of existsSync(root) ? readdirSync(root) : []) if (name.startsWith(SERVER_DIR_PREFIX)) follow(join(root, name));
    };
    follow(root);
    child.once("exit", (code) => {
      for (const watcher of watched.values()) watcher.close();
      if (!sent) reject(new Error(`verify ended before it was interrupted (exit ${code}): ${stdout}${stderr}`));
      else resolve({ code, lines: stdout.split("\n"), stderr });
    });
  });

const printed = (pattern: RegExp) => async (stdout: string) => pattern.test(stdout);
const firstVerdict = printed(/^[✓✗] /m);
/**
 * The embedded server's run directory exists (`within`: and this path inside it, e.g. the data
 * directory initdb fills). Looked up directly, not by walking the data directory, so that the
 * answer comes while the moment lasts.
 */
const serverDirectoryIn =
  (root: string, within = "") =>
  async (): Promise<boolean> =>
    (await readdir(root)).some((name) => name.startsWith(SERVER_DIR_PREFIX) && existsSync(join(root, name, within)));

/** While initdb runs: its data directory is being filled and the session has not said it is ready. */
const duringInitdb =
  (root: string) =>
  async (stdout: string): Promise<boolean> =>
    !stdout.includes("postgres: ") && (await serverDirectoryIn(root, "data/base")());

/** Every file and directory under `dir`, by path relative to it. */
const everything = async (dir: string): Promise<string[]> => (await readdir(dir, { recursive: true })).map(String);

/** The processes whose command line names `dir` (an embedded server's postmaster and backends name their data directory). */
const processesNaming = async (dir: string): Promise<string[]> => {
  const found: string[] = [];
  for (const pid of (await readdir("/proc")).filter((entry) => /^\d+$/.test(entry))) {
    const command = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (command.includes(dir)) found.push(`${pid}: ${command.replaceAll("\0", " ")}`);
  }
  return found;
};

/** One line says the run was interrupted and names the checks without a verdict; nothing but blank lines follows it. */
const expectAnnounced = ({ code, lines, stderr }: Interrupted, signal: NodeJS.Signals): void => {
  expect(code, `${lines.join("\n")}\n${stderr}`).toBe(signal === "SIGINT" ? 130 : 143);
  const at = lines.findIndex((line) => line.startsWith(`interrupted by ${signal}: `));
  expect(at, lines.join("\n")).toBeGreaterThan(0);
  expect(lines.slice(at + 1).filter((line) => line !== "")).toEqual([]);
  const verdicts = lines.slice(0, at).filter((line) => /^[✓✗] /.test(line));
  expect(
    verdicts.every((line) => !line.includes("UNEXPECTED")),
    verdicts.join("\n"),
  ).toBe(true);
  const left = CHECK_COUNT - verdicts.length;
  expect(lines[at]).toContain(left === 0 ? "every check had completed" : `${left} check${left === 1 ? "" : "s"} did not complete: `);
};

/** Nothing the run started is left: no server process, no server directory, no password file, no schema record. */
const expectNoResidue = async (root: string): Promise<void> => {
  expect(await processesNaming(root)).toEqual([]);
  expect(
    (await everything(root)).filter((path) => path.includes(SERVER_DIR_PREFIX) || path.includes("pg-password") || path.includes("invariant-lab-schema")),
  ).toEqual([]);
};

const roots: string[] = [];
/** A temporary directory for one run alone: what one run leaves cannot be blamed on another. */
const freshRoot = async (): Promise<string> => {
  const root = await mkdtemp(join(tmpdir(), "invariant-lab-interrupt-test-"));
  // As root, an embedded server runs as the user postgres, who must be able to pass through.
  await chmod(root, 0o755);
  roots.push(root);
  return root;
};

let server: Server | undefined;
beforeAll(async () => {
  server = await startEmbeddedServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

describe("an interrupted verify on PostgreSQL", () => {
  test("at its header, before any server exists: says so and exits 130", { timeout: 60_000 }, async () => {
    const root = await freshRoot();
    const run = await interruptVerify(root, "", "SIGINT", printed(/^invariant-lab verify · /m));
    expectAnnounced(run, "SIGINT");
    await expectNoResidue(root);
  });

  test("while its embedded server starts: stops it, removes its directory, exits 143", { timeout: 60_000 }, async () => {
    const root = await freshRoot();
    const run = await interruptVerify(root, "", "SIGTERM", serverDirectoryIn(root));
    expectAnnounced(run, "SIGTERM");
    await expectNoResidue(root);
  });

  test("while initdb fills its data directory: stops it, removes its directory, exits 130", { timeout: 120_000 }, async () => {
    // initdb lasts about a second: when the signal would come after it, the run is not interrupted
    // there and ends on its own; that try proves nothing and another one is made.
    for (let attempt = 1; ; attempt++) {
      const root = await freshRoot();
      const run = await interruptVerify(root, "", "SIGINT", duringInitdb(root)).catch((error: unknown) => {
        if (attempt < 3 && String(error).includes("ended before it was interrupted")) return undefined;
        throw error;
      });
      if (run === undefined) continue;
      expectAnnounced(run, "SIGINT");
      await expectNoResidue(root);
      return;
    }
  });

  test("after its first verdict on an embedded server: no verdict for the check in flight, nothing left", { timeout: 60_000 }, async () => {
    const root = await freshRoot();
    const run = await interruptVerify(root, "", "SIGINT", firstVerdict);
    expectAnnounced(run, "SIGINT");
    await expectNoResidue(root);
  });

  test("after its first verdict on a server it did not start: drops its schema", { timeout: 60_000 }, async () => {
    const url = server?.url ?? "";
    const root = await freshRoot();
    const run = await interruptVerify(root, url, "SIGTERM", firstVerdict);
    expectAnnounced(run, "SIGTERM");
    await expectNoResidue(root);
    const schema = /schema (\S+)$/m.exec(run.lines.join("\n"))?.[1];
    expect(schema).toBeDefined();
    const observer = new pg.Client(url);
    await observer.connect();
    try {
      expect((await observer.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).rowCount).toBe(0);
    } finally {
      await observer.end();
    }
  });
});
