import { startMariadbSession } from "../backends/mariadb/index.js";
import type { ServerBench } from "./server-bench.js";

/**
 * The MariaDB section: the server at `MARIADB_URL`, or a `mariadbd` the backend starts for it. The
 * same figures as PostgreSQL's, on InnoDB, whose lock waits the probe reads from
 * `SHOW ENGINE INNODB STATUS` rather than from a lock table.
 */
export const mariadbBench: ServerBench = {
  backend: "mariadb",
  engine: "MariaDB",
  title: "## MariaDB: executions, races, quiescence and determinism",
  targets: false,
  flags: "Skip it with `--no-mariadb`; take it alone, spliced into BENCHMARKS.md, with `--section mariadb`.",
  probe: "`SHOW ENGINE INNODB STATUS` and `information_schema.PROCESSLIST`, one round trip on a connection of its own",
  throughput: [
    // PostgreSQL's three, and SERIALIZABLE + retry, which InnoDB makes correct by shared locks and deadlocks.
    { backend: "mariadb", name: "mariadb-row-locks", memory: "unit-of-work" },
    { backend: "mariadb", name: "mariadb-check-constraints", memory: "unit-of-work" },
    { backend: "mariadb", name: "mariadb-serializable", memory: "unit-of-work" },
    { backend: "mariadb", name: "mariadb-naive-rc", memory: "naive" },
    { backend: "memory", name: "unit-of-work", memory: undefined },
    { backend: "memory", name: "naive", memory: undefined },
  ],
  lockingDesign: "mariadb-row-locks",
  // The round trips are counted at the `pg` driver's send; mysql2's are not, so the section has no breakdown.
  breakdown: undefined,
  async start(progress) {
    const started = performance.now();
    const external = (process.env.MARIADB_URL ?? "") !== "";
    const starting = progress(external ? "mariadb · session on MARIADB_URL" : "mariadb · mariadbd started by the backend", 1);
    const session = await startMariadbSession();
    const startMs = performance.now() - started;
    // `MariaDB 10.11.19 (default isolation …, innodb_snapshot_isolation OFF) on host:port, database …`: the database is this run's.
    const described = session.description.replace(/, database \S+$/, "");
    starting.done(`${described}, ready in ${(startMs / 1000).toFixed(1)} s`);
    return {
      session,
      server: external
        ? { text: `${described}, the server at \`MARIADB_URL\`, in a database of the section's own`, where: "server at MARIADB_URL", startMs }
        : {
            text: `${described}, a \`mariadbd\` started by the backend for this section alone: a free port, a temporary data directory, the backend's throwaway settings (backends/mariadb/server.ts)`,
            where: "mariadbd started by the backend",
            startMs,
          },
    };
  },
};
