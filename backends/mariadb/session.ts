import mysql from "mysql2/promise";
import type { BackendSession, RunLease } from "../../engine/backend.js";
import { guardExit } from "../exit-guard.js";
import { closePools, POOL_SIZE, sessionSpaceName } from "../sql/session-space.js";
import { connectionError, serverAddress, serverOptions } from "./connection.js";
import type { MariadbEnvironment } from "./environment.js";
import { GatedPools } from "./gated-pool.js";
import { blockingProbe } from "./probe.js";

export interface MariadbSession extends BackendSession {
  readonly environment: MariadbEnvironment;
  /** The database that holds everything this session creates. */
  readonly database: string;
}

export interface SessionOptions {
  /** Printed in the description, e.g. `MariaDB started for the session`. */
  readonly label?: string;
  /** Called after the database is gone, e.g. to stop the server the session ran on. */
  readonly onStop?: () => Promise<void>;
}

/** What the description says about the server: the version and what REPEATABLE READ means there. */
const describeServer = async (monitor: mysql.Connection): Promise<string> => {
  const [[row]] = await monitor.query<mysql.RowDataPacket[]>("SELECT VERSION() AS version");
  // `tx_isolation` was renamed `transaction_isolation` (MariaDB 11.1, MySQL 8); either may be absent.
  const [variables] = await monitor.query<mysql.RowDataPacket[]>(
    "SHOW VARIABLES WHERE Variable_name IN ('tx_isolation', 'transaction_isolation', 'innodb_snapshot_isolation')",
  );
  const value = (name: string): string | undefined => variables.find((variable) => variable.Variable_name === name)?.Value as string | undefined;
  const version = String(row?.version ?? "").split("-")[0] ?? "";
  const isolation = value("transaction_isolation") ?? value("tx_isolation") ?? "?";
  return `${version} (default isolation ${isolation}, innodb_snapshot_isolation ${value("innodb_snapshot_isolation") ?? "absent"})`;
};

/**
 * Opens a session on the server at `url`: a database of its own (`invariant_lab_<random>`),
 * dropped with everything in it when the session stops, also when the process is interrupted.
 * Nothing is created, altered or dropped outside that database, and no global setting is changed.
 */
export const openSession = async (url: string, options: SessionOptions = {}): Promise<MariadbSession> => {
  const database = sessionSpaceName();
  const server = serverOptions(url);
  let monitor: mysql.Connection;
  try {
    // The probe asks two questions in one round trip.
    monitor = await mysql.createConnection({ ...server, multipleStatements: true });
  } catch (error) {
    throw connectionError(url, "connect", error);
  }
  // The monitor also kills abandoned threads; an error on it must not crash the process.
  monitor.on("error", () => undefined);
  let described: string;
  try {
    await monitor.query(`CREATE DATABASE ${mysql.escapeId(database)}`);
    described = await describeServer(monitor);
  } catch (error) {
    await monitor.end().catch(() => undefined);
    throw connectionError(url, `create database ${database}`, error);
  }

  const kill = async (threadIds: ReadonlyArray<number>): Promise<void> => {
    for (const threadId of threadIds) await monitor.query(`KILL CONNECTION ${Number(threadId)}`).catch(() => undefined);
  };
  const pools = new GatedPools({ ...server, database, connectionLimit: POOL_SIZE, maxIdle: POOL_SIZE }, kill);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      unguard();
      await closePools(() => pools.end());
      try {
        // A connection a task still holds would hold its locks against DROP DATABASE.
        const [threads] = await monitor.query<mysql.RowDataPacket[]>(
          "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()",
          [database],
        );
        await kill(threads.map((thread) => Number(thread.id)));
        await monitor.query(`DROP DATABASE IF EXISTS ${mysql.escapeId(database)}`);
      } finally {
        await monitor.end().catch(() => undefined);
        await options.onStop?.();
      }
    })());
  const unguard = guardExit({ interrupted: stop, exiting: () => undefined });

  let leased = false;
  const beginRun = async (): Promise<RunLease> => {
    if (leased) throw new Error(`a run is already in progress on the MariaDB session (database ${database}): runs on one session cannot overlap`);
    leased = true;
    // Take back the connections that tasks of an earlier run still hold.
    pools.abandonCheckedOut();
    let released = false;
    return {
      environment: { pool: pools.pool, direct: pools.direct },
      release: async () => {
        if (released) return;
        released = true;
        leased = false;
      },
    };
  };

  return {
    database,
    beginRun,
    environment: {
      // Read once per run by engines that do not lease: the moment to take back abandoned connections.
      get pool() {
        pools.abandonCheckedOut();
        return pools.pool;
      },
      direct: pools.direct,
    },
    probe: blockingProbe(pools, monitor),
    description: `${options.label ?? "MariaDB"} ${described} on ${serverAddress(url)}, database ${database}`,
    stop,
  };
};
