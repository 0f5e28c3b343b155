import { readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serverRoots } from "./server-root.js";

/**
 * What a process that is killed outright (SIGKILL, a crash, a closed terminal) leaves behind: an
 * embedded server still running on its data directory, or a schema on a DATABASE_URL server. Every
 * start records what it creates, with the pid of its owner, so that a later start can remove what a
 * dead owner left, and only that: nothing this code did not record is ever touched.
 */

/** The record of an embedded server, in the directory that holds its data directory. */
export interface ServerRecord {
  readonly owner: number;
  /** 0 until the server has started. */
  readonly postmaster: number;
  readonly dataDir: string;
}

/** The record of a schema on a server the harness did not start. */
export interface SchemaRecord {
  readonly owner: number;
  /** `host:port/database`, never the password. */
  readonly server: string;
  readonly schema: string;
}

export const SERVER_DIR_PREFIX = "invariant-lab-pg-";
const SCHEMA_RECORD_PREFIX = "invariant-lab-schema-";
export const SERVER_RECORD = "owner.json";
/** How long an orphaned postmaster gets to go after SIGQUIT before SIGKILL. */
const STOP_WAIT_MS = 5_000;

/** Whether a process with this pid exists (EPERM: it does, but belongs to someone else). */
export const isAlive = (pid: number): boolean => {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === "EPERM";
  }
};

const readJson = async (path: string): Promise<unknown> => {
  try {
    return JSON.parse(await readFile(path, "utf8")) as unknown;
  } catch {
    return undefined;
  }
};

const isServerRecord = (value: unknown): value is ServerRecord => {
  const record = value as Partial<ServerRecord> | undefined;
  return typeof record?.owner === "number" && typeof record.postmaster === "number" && typeof record.dataDir === "string";
};

const isSchemaRecord = (value: unknown): value is SchemaRecord => {
  const record = value as Partial<SchemaRecord> | undefined;
  return (
    typeof record?.owner === "number" &&
    typeof record.server === "string" &&
    typeof record.schema === "string" &&
    /^invariant_lab_[0-9a-f]+$/.test(record.schema)
  );
};

/** Writes the record whole or not at all: another process's sweep may read it at any moment. */
export const writeServerRecord = async (runDir: string, record: ServerRecord): Promise<void> => {
  const draft = join(runDir, `${SERVER_RECORD}.draft`);
  await writeFile(draft, JSON.stringify(record), { mode: 0o600 });
  await rename(draft, join(runDir, SERVER_RECORD));
};

/** The postmaster's pid as its own lock file states it: a guard against a pid reused by another process. */
const postmasterOf = async (dataDir: string): Promise<number> => {
  try {
    return Number((await readFile(join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
  } catch {
    return 0;
  }
};

const gone = async (pid: number, withinMs: number): Promise<boolean> => {
  const deadline = performance.now() + withinMs;
  while (isAlive(pid)) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
};

/** SIGQUIT (immediate shutdown: nothing is worth saving), then SIGKILL if it lingers. */
const stopPostmaster = async (pid: number): Promise<void> => {
  try {
    process.kill(pid, "SIGQUIT");
  } catch {
    return;
  }
  if (await gone(pid, STOP_WAIT_MS)) return;
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    return;
  }
  await gone(pid, STOP_WAIT_MS);
};

const say = (line: string): void => {
  process.stderr.write(`invariant-lab: ${line}\n`);
};

/**
 * Removes the embedded servers whose owner died without stopping them: stops the postmaster (only
 * if the data directory's own lock file names it), deletes the directory, and says so on stderr,
 * one line each. A directory without a record is judged by the owner its name carries; one whose
 * owner lives is left alone.
 */
export const sweepOrphanedServers = async (root?: string): Promise<void> => {
  if (root === undefined) {
    for (const candidate of serverRoots()) await sweepOrphanedServers(candidate);
    return;
  }
  const names = await readdir(root).catch(() => [] as string[]);
  for (const name of names.filter((entry) => entry.startsWith(SERVER_DIR_PREFIX))) {
    const runDir = join(root, name);
    const record = await readJson(join(runDir, SERVER_RECORD));
    if (!isServerRecord(record)) {
      // Killed between creating its directory and recording itself: nothing can run there yet.
      const owner = Number(/^(\d+)-/.exec(name.slice(SERVER_DIR_PREFIX.length))?.[1] ?? 0);
      if (owner === 0 || isAlive(owner)) continue;
      await rm(runDir, { recursive: true, force: true }).catch(() => undefined);
      say(`removed the directory of an embedded PostgreSQL that process ${owner} never started: deleted ${runDir}`);
      continue;
    }
    if (isAlive(record.owner)) continue;
    const postmaster = await postmasterOf(record.dataDir);
    const running = postmaster > 0 && (record.postmaster === 0 || record.postmaster === postmaster) && isAlive(postmaster);
    try {
      if (running) await stopPostmaster(postmaster);
      await rm(runDir, { recursive: true, force: true });
    } catch (error) {
      // Someone else's leftovers must not stop this start; the next one tries again.
      say(`could not remove ${runDir}, left by process ${record.owner}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    say(
      `removed an embedded PostgreSQL left by process ${record.owner}, which is gone: ${running ? `stopped postmaster ${postmaster}, ` : ""}deleted ${runDir}`,
    );
  }
};

const schemaRecordPath = (schema: string, root: string): string => join(root, `${SCHEMA_RECORD_PREFIX}${schema}.json`);

/** Records a schema this process created on a server it did not start; returns the function that forgets it. */
export const recordSchema = async (record: Omit<SchemaRecord, "owner">, root: string = tmpdir()): Promise<() => Promise<void>> => {
  const path = schemaRecordPath(record.schema, root);
  await writeFile(path, JSON.stringify({ owner: process.pid, ...record } satisfies SchemaRecord), { mode: 0o600 });
  return () => rm(path, { force: true });
};

/**
 * Drops the schemas this machine recorded on `server` whose owner died without dropping them, and
 * says so on stderr, one line each. `drop` runs `DROP SCHEMA IF EXISTS … CASCADE` and answers
 * whether there was one; a failed drop keeps the record for a later start.
 */
export const sweepOrphanedSchemas = async (server: string, drop: (schema: string) => Promise<boolean>, root: string = tmpdir()): Promise<void> => {
  const names = await readdir(root).catch(() => [] as string[]);
  for (const name of names.filter((entry) => entry.startsWith(SCHEMA_RECORD_PREFIX))) {
    const record = await readJson(join(root, name));
    if (!isSchemaRecord(record) || record.server !== server || isAlive(record.owner)) continue;
    try {
      if (await drop(record.schema)) say(`dropped schema ${record.schema} on ${server}, left by process ${record.owner}, which is gone`);
    } catch {
      continue;
    }
    await rm(join(root, name), { force: true });
  }
};
