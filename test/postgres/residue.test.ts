import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, test, vi } from "vitest";
import { openSession } from "../../backends/postgres/session.js";
import { startEmbeddedServer } from "../../backends/postgres/server.js";
import { isAlive, SERVER_DIR_PREFIX, SERVER_RECORD, type ServerRecord, sweepOrphanedServers } from "../../backends/postgres/residue.js";
import { postgresUrl } from "./support.js";

const CHILD = join(import.meta.dirname, "residue-child.ts");

/** Starts the child and resolves with its first line on stdout, once it has started what it starts. */
const startChild = (...args: string[]): Promise<{ child: ChildProcess; line: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TMPDIR: root } });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n") && line !== undefined) resolve({ child, line });
    });
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`child exited (${code}) before starting: ${err}`)));
  });

const kill = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });

/**
 * What the process writes on stderr while `work` runs, with the temporary directory at `root`
 * meanwhile, where the children keep their records: leftovers of other processes on this machine
 * stay out of the test, and the test stays out of theirs.
 */
const stderrOf = async (work: () => Promise<void>): Promise<string> => {
  const lines: string[] = [];
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
    process.env.TMPDIR = before;
    if (before === undefined) delete process.env.TMPDIR;
  }
  return lines.join("");
};

const serverRecordOf = async (owner: number): Promise<{ runDir: string; record: ServerRecord } | undefined> => {
  for (const name of (await readdir(root)).filter((entry) => entry.startsWith(SERVER_DIR_PREFIX))) {
    const runDir = join(root, name);
    const record = JSON.parse(await readFile(join(runDir, SERVER_RECORD), "utf8").catch(() => "null")) as ServerRecord | null;
    if (record?.owner === owner) return { runDir, record };
  }
  return undefined;
};

const root = await mkdtemp(join(tmpdir(), "invariant-lab-residue-test-"));
// As root, the server runs as the user postgres, who must be able to pass through.
await chmod(root, 0o755);
const children: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(
    children
      .splice(0)
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map(kill),
  );
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("what a killed process leaves behind", () => {
  test("the next embedded server stops the orphaned one, deletes its directory and says so", async () => {
    const { child } = await startChild("server");
    children.push(child);
    const found = await serverRecordOf(child.pid ?? 0);
    expect(found).toBeDefined();
    const { runDir, record } = found as { runDir: string; record: ServerRecord };
    expect(record.postmaster).toBeGreaterThan(0);
    expect((await stat(runDir)).mode & 0o777).toBe(0o700);
    expect((await readdir(runDir)).filter((name) => name.startsWith("pg-password-"))).toEqual([]);

    await kill(child);
    expect(isAlive(record.postmaster)).toBe(true);

    let stop: (() => Promise<void>) | undefined;
    const said = await stderrOf(async () => {
      ({ stop } = await startEmbeddedServer());
    });
    await stop?.();
    expect(said).toContain(
      `invariant-lab: removed an embedded PostgreSQL left by process ${child.pid}, which is gone: stopped postmaster ${record.postmaster}, deleted ${runDir}\n`,
    );
    expect(isAlive(record.postmaster)).toBe(false);
    expect(existsSync(runDir)).toBe(false);
  });

  test("a session on a server it did not start drops the schema a killed session recorded, and says so", async () => {
    const url = postgresUrl();
    const { child, line: schema } = await startChild("session", url);
    children.push(child);
    await kill(child);

    const observer = new pg.Client(url);
    await observer.connect();
    try {
      const schemaCount = async () => (await observer.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).rowCount;
      expect(await schemaCount()).toBe(1);
      let stop: (() => Promise<void>) | undefined;
      const said = await stderrOf(async () => {
        ({ stop } = await openSession(url, { recordSchema: true }));
      });
      await stop?.();
      const { host, pathname } = new URL(url);
      expect(said).toContain(`invariant-lab: dropped schema ${schema} on ${host}${pathname}, left by process ${child.pid}, which is gone\n`);
      expect(await schemaCount()).toBe(0);
      expect(existsSync(join(root, `invariant-lab-schema-${schema}.json`))).toBe(false);
    } finally {
      await observer.end();
    }
  });
});

describe("a run killed before it recorded its server", () => {
  test("leaves a directory named after its owner, which the next sweep removes once the owner is gone", async () => {
    const scratch = await mkdtemp(join(tmpdir(), "invariant-lab-sweep-"));
    try {
      // A pid far above any pid_max in use: its owner cannot be alive.
      const orphan = join(scratch, `${SERVER_DIR_PREFIX}999999999-abc`);
      const live = join(scratch, `${SERVER_DIR_PREFIX}${process.pid}-def`);
      await mkdir(orphan);
      await mkdir(live);
      const said = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      let lines = "";
      try {
        await sweepOrphanedServers(scratch);
        lines = said.mock.calls.map(([line]) => String(line)).join("");
      } finally {
        said.mockRestore();
      }
      expect(existsSync(orphan)).toBe(false);
      expect(existsSync(live)).toBe(true);
      expect(lines).toContain("process 999999999 never started");
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
