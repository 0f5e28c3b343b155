import pg from "pg";
import type { Pool, PoolClient, PoolConfig } from "pg";
import { type Flight, type GatedClient, gateClient, transactionOpen, pidOf } from "./gated-client.js";
import { StateChanges, watchDirect } from "./state-changes.js";

type ConnectCallback = (error: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void;

/**
 * Makes a second release of the same loan a no-op. The harness takes back the connection of a task
 * that a run abandoned; when that task later finishes its statement, its own release (pg-pool's
 * `query` calls it from a callback) would otherwise throw "Release called on client which has
 * already been released to the pool" where nothing can catch it.
 */
const releasedOnce = (client: PoolClient): PoolClient => {
  const release = client.release.bind(client);
  let released = false;
  client.release = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    release(error);
  };
  return client;
};

/**
 * The pools a session lends to implementations. Statements a task sends on `pool` wait at the
 * engine's gate before they go out; the pools also remember which task each connection serves, so
 * that the blocking probe can name who waits for whom, and they take back what a run left behind.
 */
export class GatedPools {
  readonly pool: Pool;
  readonly direct: Pool;
  private readonly clients = new Map<PoolClient, GatedClient>();
  private readonly checkedOut = new Set<PoolClient>();
  /** What may have changed the stored state, on either pool: see {@link StateChanges}. */
  readonly changes = new StateChanges();
  /** New connections wait for this: the server sessions of abandoned connections are ending. */
  private settling: Promise<void> = Promise.resolve();

  constructor(
    config: PoolConfig,
    private readonly terminate: (pids: ReadonlyArray<number>) => Promise<void>,
  ) {
    this.pool = new pg.Pool(config);
    this.direct = new pg.Pool({ ...config, max: 4 });
    this.pool.on("connect", (client) => {
      this.clients.set(client, gateClient(client, this.changes));
      // A connection ended while checked out reports the error here; its task sees it on its next query.
      client.on("error", () => undefined);
    });
    this.direct.on("connect", (client) => watchDirect(client, this.changes));
    this.pool.on("acquire", (client) => this.checkedOut.add(client));
    this.pool.on("release", (error, client) => this.released(error, client));
    this.pool.on("remove", (client) => {
      this.clients.delete(client);
      this.checkedOut.delete(client);
    });
    for (const pool of [this.pool, this.direct]) {
      // An idle connection that dies is dropped by the pool; without a listener it would crash the process.
      pool.on("error", () => undefined);
      this.awaitSettling(pool);
    }
  }

  /** Statements in flight, for the probe. */
  flights(): ReadonlyArray<Flight> {
    return [...this.clients.values()].flatMap((client) => client.flight() ?? []);
  }

  /** Which task each server process serves (the latest task that sent a statement on it). */
  tasksByPid(): ReadonlyMap<number, string> {
    const pairs = [...this.clients.values()].map((client) => [client.pid(), client.task()] as const);
    return new Map(pairs.filter((pair): pair is readonly [number, string] => pair[1] !== undefined));
  }

  /**
   * Takes back every connection still checked out. Called when a run starts: such a connection
   * belongs to a task of an earlier run that will never resume (that run ended on a failure while
   * the task was parked, or hung), and its open transaction would hold locks against this run.
   */
  abandonCheckedOut(): void {
    const orphans = [...this.checkedOut];
    if (orphans.length === 0) return;
    this.checkedOut.clear();
    const pids = orphans.map(pidOf).filter((pid) => pid !== 0);
    for (const client of orphans) client.release(new Error("abandoned by a run that ended"));
    // A connection blocked in a lock wait never reads the goodbye the driver sends: end it on the server.
    this.settling = this.settling.then(() => this.terminate(pids)).catch(() => undefined);
  }

  async end(): Promise<void> {
    this.abandonCheckedOut();
    await this.settling;
    await Promise.all([this.pool.end(), this.direct.end()]);
  }

  private awaitSettling(pool: Pool): void {
    const connect = pool.connect.bind(pool) as () => Promise<PoolClient>;
    pool.connect = ((callback?: ConnectCallback) => {
      const connected = this.settling.then(connect).then(releasedOnce);
      if (callback === undefined) return connected;
      void connected.then(
        (client) => callback(undefined, client, (release) => client.release(release as Error | boolean | undefined)),
        (error: Error) => callback(error, undefined, () => undefined),
      );
      return undefined;
    }) as Pool["connect"];
  }

  private released(error: Error | undefined, client: PoolClient): void {
    this.checkedOut.delete(client);
    const gated = this.clients.get(client);
    gated?.released();
    // A task that forgot its transaction must not lend it, locks and all, to the next borrower;
    // the pool hands the connection on only after this ROLLBACK, which is queued first.
    if (gated !== undefined && !error && transactionOpen(client.getTransactionStatus())) void gated.sendQuietly("ROLLBACK").catch(() => undefined);
  }
}
