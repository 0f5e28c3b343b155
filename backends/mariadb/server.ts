import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import mysql from "mysql2/promise";
import { guardExit } from "../exit-guard.js";
import { freePort } from "../sql/free-port.js";

/** A MariaDB server this process started, and how to reach it. */
export interface MariadbServer {
  readonly url: string;
  /** Idempotent: stops the server and removes its data directory. */
  readonly stop: () => Promise<void>;
}

/** What to tell a user whose machine has neither a server to use nor one to start. */
export const NOT_COVERED =
  "MariaDB was not covered: MARIADB_URL is not set and no mariadbd is installed; set MARIADB_URL=mysql://user:password@host:port/ or install mariadb-server";

/**
 * Durability is worth nothing for a throwaway server. Tables in the system tablespace halve the
 * cost of the TRUNCATE that gives every run empty tables (no file to create and delete). InnoDB's
 * classic REPEATABLE READ (`innodb_snapshot_isolation` OFF, the default before 11.6.2; `loose-`:
 * ignored where the variable does not exist) keeps the catalogue's verdicts independent of the
 * mariadbd installed; a server named by MARIADB_URL keeps its own setting, which the session prints.
 */
const SERVER_SETTINGS = [
  "--bind-address=127.0.0.1",
  "--skip-name-resolve",
  "--skip-log-bin",
  "--innodb-flush-log-at-trx-commit=0",
  "--innodb-buffer-pool-size=64M",
  "--innodb-log-file-size=16M",
  "--innodb-file-per-table=0",
  "--loose-innodb-snapshot-isolation=OFF",
];
const READY_TIMEOUT_MS = 20_000;
const SEARCH_PATH = ["/usr/sbin", "/usr/local/sbin", "/usr/local/mysql/bin", "/usr/local/bin", "/usr/bin"];

const which = (program: string): string | undefined =>
  [...(process.env.PATH ?? "").split(delimiter), ...SEARCH_PATH]
    .map((directory) => join(directory, program))
    .find((path) => path.startsWith("/") && existsSync(path));

/** Whether this machine can start a server of its own. */
export const canStartServer = (): boolean => which("mariadbd") !== undefined && which("mariadb-install-db") !== undefined;

/**
 * Starts `mariadbd` on a free port with a fresh data directory under the system's temporary
 * directory (`mariadb-install-db`, a few seconds). The directory goes when the server stops, and
 * also when the process is interrupted or exits without stopping it.
 */
export const startMariadbServer = async (): Promise<MariadbServer> => {
  const server = which("mariadbd");
  const installer = which("mariadb-install-db");
  if (server === undefined || installer === undefined) throw new Error(NOT_COVERED);
  const base = join(tmpdir(), `invariant-lab-mariadb-${randomBytes(6).toString("hex")}`);
  const dataDir = join(base, "data");
  const socket = join(base, "mariadb.sock");
  const port = await freePort();
  // mariadbd refuses to run as root unless told which user to be.
  const user = process.getuid?.() === 0 ? ["--user=root"] : [];
  const log: string[] = [];
  let child: ReturnType<typeof spawn> | undefined;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      unguard();
      if (child !== undefined && child.exitCode === null) {
        const exited = new Promise((resolve) => child?.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(base, { recursive: true, force: true });
    })());
  const unguard = guardExit({
    interrupted: stop,
    exiting: () => {
      // Nothing asynchronous runs now: kill the server and leave the directory to a detached shell.
      const pid = child?.pid;
      if (pid !== undefined) process.kill(pid, "SIGKILL");
      spawn("sh", ["-c", `sleep 1; rm -rf '${base}'`], { detached: true, stdio: "ignore" }).unref();
    },
  });
  try {
    await mkdir(base, { recursive: true });
    await promisify(execFile)(installer, ["--no-defaults", `--datadir=${dataDir}`, "--auth-root-authentication-method=normal", "--skip-test-db", ...user], {
      timeout: 60_000,
    });
    child = spawn(server, ["--no-defaults", `--datadir=${dataDir}`, `--port=${port}`, `--socket=${socket}`, ...user, ...SERVER_SETTINGS], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr?.on("data", (chunk: Buffer) =>
      log.push(
        ...chunk
          .toString()
          .split("\n")
          .filter((line) => line.trim() !== ""),
      ),
    );
    await ready(port, child);
  } catch (error) {
    await stop();
    const detail = [error instanceof Error ? error.message : String(error), ...log.slice(-3)].join(" | ");
    throw new Error(`MariaDB (${server}) on 127.0.0.1:${port}: start failed: ${detail.replace(/\s+/g, " ").trim()}`);
  }
  return { url: `mysql://root@127.0.0.1:${port}/`, stop };
};

/** Connects until the server answers; fails at once if it exits. */
const ready = async (port: number, child: ReturnType<typeof spawn>): Promise<void> => {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mariadbd exited with code ${child.exitCode}`);
    try {
      const connection = await mysql.createConnection({ host: "127.0.0.1", port, user: "root" });
      await connection.end();
      return;
    } catch (error) {
      if (Date.now() - started > READY_TIMEOUT_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
};
