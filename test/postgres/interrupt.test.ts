import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, test } from "vitest";
import { isAlive, SERVER_DIR_PREFIX, SERVER_RECORD, type ServerRecord } from "../../backends/postgres/residue.js";
import { serverRoots } from "../../backends/postgres/server-root.js";
import { postgresUrl } from "./support.js";

const CHILD = join(import.meta.dirname, "residue-child.ts");

interface Blocked {
  readonly child: ChildProcess;
  readonly schema: string;
  readonly exited: Promise<number | null>;
  readonly stderr: () => string;
}

/** A child whose session holds a row lock while another of its statements waits for it (`url`: a server, or `embedded`). */
const startBlocked = async (url: string): Promise<Blocked> => {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, "blocked", url], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (exitCode) => resolve(exitCode)));
  const schema = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(out.split("\n")[0] ?? "");
    });
    void exited.then(() => reject(new Error(`child exited before its statement waited: ${stderr}`)));
  });
  return { child, schema, exited, stderr: () => stderr };
};

/** The run directories of the embedded servers that process `owner` started, wherever servers keep them. */
const directoriesOf = async (owner: number): Promise<string[]> => {
  const found: string[] = [];
  for (const root of serverRoots())
    for (const name of (await readdir(root).catch(() => [] as string[])).filter((entry) => entry.startsWith(SERVER_DIR_PREFIX))) {
      const record = JSON.parse(await readFile(join(root, name, SERVER_RECORD), "utf8").catch(() => "null")) as ServerRecord | null;
      if (record?.owner === owner) found.push(join(root, name));
    }
  return found;
};

/** The announcement was the last word, after at most the start's own notes on leftovers of other processes. */
const expectOnlyAnnounced = (stderr: string, signal: string): void => {
  const lines = stderr.split("\n").filter((line) => line !== "");
  expect(lines.at(-1)).toBe(`interrupted by ${signal}`);
  expect(lines.slice(0, -1).filter((line) => !line.startsWith("invariant-lab: removed "))).toEqual([]);
};

describe("an interrupted PostgreSQL session", () => {
  test.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "on %s, while a statement waits for a lock, stops cleanly: says so, releases each connection once, drops its schema, exits %i",
    async (signal, code) => {
      const url = postgresUrl();
      const { child, schema, exited, stderr } = await startBlocked(url);
      child.kill(signal);
      expect(await exited).toBe(code);
      expectOnlyAnnounced(stderr(), signal);
      const observer = new pg.Client(url);
      await observer.connect();
      try {
        const { rowCount } = await observer.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
        expect(rowCount).toBe(0);
      } finally {
        await observer.end();
      }
    },
  );

  test("on an embedded server, also stops the server and removes its directory", async () => {
    const { child, exited, stderr } = await startBlocked("embedded");
    let runDir: string;
    let postmaster: number;
    try {
      const directories = await directoriesOf(child.pid ?? 0);
      expect(directories).toHaveLength(1);
      runDir = directories[0] ?? "";
      ({ postmaster } = JSON.parse(await readFile(join(runDir, SERVER_RECORD), "utf8")) as ServerRecord);
    } finally {
      // Also when an expectation above fails: a child left blocked would keep its server running.
      child.kill("SIGINT");
    }
    expect(await exited).toBe(130);
    expectOnlyAnnounced(stderr(), "SIGINT");
    expect(isAlive(postmaster)).toBe(false);
    expect(existsSync(runDir)).toBe(false);
  });
});
