import { AsyncResource } from "node:async_hooks";
import mysql from "mysql2";
import type { Pool, PoolConnection, PoolOptions } from "mysql2";
import { SESSION_SETTINGS } from "./connection.js";
import { type Flight, type GatedConnection, gateConnection } from "./gated-connection.js";

type ConnectionCallback = (error: NodeJS.ErrnoException | null, connection: PoolConnection) => void;

/**
 * The pools a session lends to implementations. Statements a task sends on `pool` wait at the
 * engine's gate before they go out; the pools also remember which task each connection serves, so
 * that the blocking probe can name who waits for whom, and they take back what a run left behind.
 */
export class GatedPools {
  readonly pool: Pool;
  readonly direct: Pool;
  private readonly connections = new Map<PoolConnection, GatedConnection>();
  private readonly checkedOut = new Set<PoolConnection>();
  /** New connections wait for this: the server threads of abandoned connections are being killed. */
  private settling: Promise<void> = Promise.resolve();

  constructor(
    options: PoolOptions,
    private readonly kill: (threadIds: ReadonlyArray<number>) => Promise<void>,
  ) {
    this.pool = mysql.createPool(options);
    this.direct = mysql.createPool({ ...options, connectionLimit: 4, maxIdle: 4 });
    this.pool.on("connection", (connection) => {
      // Queued before the gate exists and before the borrower's first statement.
      connection.query(SESSION_SETTINGS);
      this.connections.set(
        connection,
        gateConnection(connection, () => this.checkedOut.delete(connection)),
      );
      const forget = (): void => {
        this.connections.delete(connection);
        this.checkedOut.delete(connection);
      };
      connection.once("end", forget);
      // A connection that dies while checked out reports here; its task sees it on its next statement.
      connection.on("error", forget);
    });
    this.direct.on("connection", (connection) => {
      connection.query(SESSION_SETTINGS);
      connection.on("error", () => undefined);
    });
    for (const pool of [this.pool, this.direct]) this.bindCallers(pool);
  }

  /** Statements in flight, for the probe. */
  flights(): ReadonlyArray<Flight> {
    return [...this.connections.values()].flatMap((connection) => connection.flight() ?? []);
  }

  /** Which task each server thread serves (the latest task that sent a statement on it). */
  tasksByThread(): ReadonlyMap<number, string> {
    const pairs = [...this.connections.values()].map((connection) => [connection.threadId(), connection.task()] as const);
    return new Map(pairs.filter((pair): pair is readonly [number, string] => pair[1] !== undefined));
  }

  /**
   * Takes back every connection still checked out. Called when a run starts: such a connection
   * belongs to a task of an earlier run that will never resume, and its open transaction would
   * hold locks against this run. A thread in a lock wait never reads that its client went away,
   * so it is killed on the server too.
   */
  abandonCheckedOut(): void {
    const orphans = [...this.checkedOut];
    if (orphans.length === 0) return;
    this.checkedOut.clear();
    const threadIds = orphans.map((connection) => connection.threadId);
    for (const connection of orphans) {
      this.connections.delete(connection);
      connection.destroy();
    }
    this.settling = this.settling.then(() => this.kill(threadIds)).catch(() => undefined);
  }

  async end(): Promise<void> {
    this.abandonCheckedOut();
    await this.settling;
    await Promise.all([this.pool.promise().end(), this.direct.promise().end()]);
  }

  /**
   * A borrower waiting for a busy pool is called back from the task that released the connection;
   * binding each callback to its caller keeps its statements attributed to the task that asked.
   * Every borrower also waits for abandoned threads to be gone.
   */
  private bindCallers(pool: Pool): void {
    const getConnection = pool.getConnection.bind(pool) as (callback: ConnectionCallback) => void;
    pool.getConnection = ((callback: ConnectionCallback) => {
      const bound = AsyncResource.bind(callback);
      void this.settling.then(() =>
        getConnection((error, connection) => {
          // A connection handed straight from a releasing borrower to a waiting one emits no 'acquire'.
          if (error === null && this.connections.has(connection)) this.checkedOut.add(connection);
          bound(error, connection);
        }),
      );
    }) as Pool["getConnection"];
  }
}
