import pg from "pg";
import type { BackendSession, RunLease } from "../../engine/backend.js";
import { maskedUrl } from "../sql/server-url.js";
import { connectionConfig, connectionError, DEADLOCK_TIMEOUT } from "./connection.js";
import { catalogMayHaveChanged } from "./declared-access.js";
import type { PostgresEnvironment } from "./environment.js";
import { guardExit } from "../exit-guard.js";
import { closePools, POOL_SIZE, sessionSpaceName } from "../sql/session-space.js";
import { GatedPools } from "./gated-pool.js";
import { PoolOwnedByHarness } from "./pool-ownership.js";
import { blockingProbe } from "./probe.js";
import { recordSchema, sweepOrphanedSchemas } from "./residue.js";
import { auditRun, serverNow } from "./ungated.js";

export interface PostgresSession extends BackendSession {
  /**
   * The session's pools for code outside a run (setup in tests, benchmarks). Reading it does
   * nothing: a run gets the same pools from `beginRun`, whose release takes back what it left.
   */
  readonly environment: PostgresEnvironment;
  /** The schema that holds everything this session creates. */
  readonly schema: string;
}

export interface SessionOptions {
  /** Printed in the description, e.g. `embedded PostgreSQL`. */
  readonly label?: string;
  /** Called after the schema is gone, e.g. to stop the server the session ran on. */
  readonly onStop?: () => Promise<void>;
  /**
   * On a server the harness did not start: record the schema on this machine, so that a later
   * session on the same server drops it if this process dies without dropping it, and drop what
   * earlier processes recorded and left so.
   */
  readonly recordSchema?: boolean;
  /**
   * The database is this session's alone (on the embedded server started for it): every client
   * connection to it that the session did not open is the design's, whatever its settings. Otherwise
   * only connections tied to the session's schema count (see ungated.ts).
   */
  readonly exclusive?: boolean;
}

/** `host:port/database`: which server a schema record belongs to, without credentials. */
const serverKey = (url: string): string => {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return maskedUrl(url);
  }
};

/** Drops a schema that a dead process left, ending first any server session still working in it. */
const dropOrphan = async (monitor: pg.Client, schema: string): Promise<boolean> => {
  const { rowCount } = await monitor.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
  if (rowCount === 0) return false;
  await monitor.query("SELECT pg_terminate_backend(pid, 2000) FROM pg_stat_activity WHERE application_name = $1", [`invariant-lab ${schema}`]);
  await monitor.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
  return true;
};

const serverAddress = (url: string): string => {
  try {
    return new URL(url).host || maskedUrl(url);
  } catch {
    return maskedUrl(url);
  }
};

/**
 * Whether this role may change `setting` (`name=value`) for its sessions; tried on the monitor, where
 * it is harmless. Without the right the server's own value stays, e.g. a lower deadlock_timeout.
 */
const maySet = async (monitor: pg.Client, setting: string): Promise<boolean> => {
  const [name, value] = setting.split("=");
  try {
    await monitor.query(`SET ${name ?? ""} = ${pg.escapeLiteral(value ?? "")}`);
    return true;
  } catch {
    return false;
  }
};

/**
 * Opens a session on the server at `url`: a schema of its own (`invariant_lab_<random>`), dropped
 * with everything in it when the session stops, also when the process is interrupted. Nothing is
 * created, altered or dropped outside that schema.
 */
export const openSession = async (url: string, options: SessionOptions = {}): Promise<PostgresSession> => {
  const schema = sessionSpaceName();
  const monitor = new pg.Client(connectionConfig(url, schema, "invariant-lab monitor"));
  // The monitor also ends abandoned sessions; an error on it must not crash the process.
  monitor.on("error", () => undefined);
  try {
    await monitor.connect();
  } catch (error) {
    await monitor.end().catch(() => undefined);
    throw connectionError(url, "connect", error);
  }
  let version = "";
  let forget: (() => Promise<void>) | undefined;
  try {
    if (options.recordSchema === true) await sweepOrphanedSchemas(serverKey(url), (orphan) => dropOrphan(monitor, orphan));
    await monitor.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`);
    if (options.recordSchema === true) forget = await recordSchema({ server: serverKey(url), schema });
    version = (await monitor.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version.split(" ")[0] ?? "";
  } catch (error) {
    await monitor.end().catch(() => undefined);
    throw connectionError(url, `create schema ${schema}`, error);
  }

  const terminate = async (pids: ReadonlyArray<number>): Promise<void> => {
    await monitor.query("SELECT pg_terminate_backend(pid, 2000) FROM unnest($1::int[]) AS pid", [pids]);
  };
  // Named after the schema, so that stop() can find every server session this session opened.
  const applicationName = `invariant-lab ${schema}`;
  const settings = (await maySet(monitor, DEADLOCK_TIMEOUT)) ? [DEADLOCK_TIMEOUT] : [];
  const pools = new GatedPools({ ...connectionConfig(url, schema, applicationName, settings), max: POOL_SIZE, allowExitOnIdle: true }, terminate);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      unguard();
      await closePools(() => pools.end());
      try {
        // A connection a task still holds would hold its locks against DROP SCHEMA.
        await monitor.query("SELECT pg_terminate_backend(pid, 2000) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()", [
          applicationName,
        ]);
        await monitor.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
        await forget?.();
      } finally {
        await monitor.end().catch(() => undefined);
        await options.onStop?.();
      }
    })());
  const unguard = guardExit({ interrupted: stop, exiting: () => undefined });

  const environment: PostgresEnvironment = { pool: pools.pool, direct: pools.direct };
  let leased = false;
  const beginRun = async (): Promise<RunLease> => {
    if (leased) throw new Error(`a run is already in progress on the PostgreSQL session (schema ${schema}): runs on one session cannot overlap`);
    leased = true;
    // Normally a no-op: the previous lease took its connections back when it was released.
    pools.abandonCheckedOut();
    catalogMayHaveChanged();
    pools.lent = true;
    let released = false;
    let since: string;
    try {
      since = await serverNow(monitor);
    } catch (error) {
      leased = false;
      throw error;
    }
    return {
      environment,
      // Statements that bypass the gate make the run's verdict meaningless: refuse it instead.
      audit: async () => auditRun(monitor, { schema, applicationName, exclusive: options.exclusive === true }, await pools.ownPids(), since),
      stateVersion: () => pools.changes.version(),
      release: async () => {
        if (released) return;
        released = true;
        // Tasks still parked when the run ended hold connections, and maybe locks, that no one
        // will give back: take them now, so the next run starts with nothing held against it.
        pools.abandonCheckedOut();
        pools.lent = false;
        leased = false;
        // The pool stayed open, so the run itself is sound; the call is still a mistake to report,
        // as an error of the check rather than a verdict on the design.
        const ended = pools.takeEndCalls();
        if (ended.length > 0) throw new PoolOwnedByHarness(ended);
      },
    };
  };

  return {
    schema,
    beginRun,
    environment,
    probe: blockingProbe(pools, monitor),
    abandonTask: (task) => pools.abandonTask(task),
    description: `${options.label ?? "PostgreSQL"} ${version} on ${serverAddress(url)}, schema ${schema}`,
    stop,
  };
};
