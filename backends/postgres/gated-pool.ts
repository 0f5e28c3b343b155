import pg from "pg";
import type { Pool, PoolClient, PoolConfig } from "pg";
import { type Flight, type GatedClient, gateClient, transactionOpen, pidOf } from "./gated-client.js";
import { keepOpen } from "./pool-ownership.js";
import { SessionCatalog } from "./declared-access.js";
import { LockReleases } from "./lock-releases.js";
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

/** Why a harness pool refuses to be copied: the one known copier builds an ungated pool from the copy. */
export const COPIED_AS_SETTINGS =
  "the harness's pg Pool was copied as if it were pool settings (Object.assign or spread of its fields). @prisma/adapter-pg does this when the pool is not an instance of its own copy of `pg`: it then builds a pool of its own, whose statements would bypass the harness's gate. Fix: install a single copy of `pg` (`npm ls pg` shows one version; align the versions or use npm `overrides`), so that `new PrismaPg(pool)` uses the pool itself";

/**
 * Makes copying a pool's fields throw {@link COPIED_AS_SETTINGS}. Left alone, such a copy connects
 * to the driver's defaults (PGHOST or localhost:5432) and, where a server answers, sends the pool's
 * `options` object as its startup options: pg 8.23 then throws from a socket callback, which ends
 * the process instead of failing the design's setup.
 */
const refuseCopies = (pool: Pool): void => {
  Object.defineProperty(pool, "notPoolSettings", {
    enumerable: true,
    get: () => {
      throw new Error(COPIED_AS_SETTINGS);
    },
  });
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
  /** Connections of `direct`: the server processes behind them are the harness's too. */
  private readonly directClients = new Set<PoolClient>();
  /**
   * Server process ids of connections dropped since the last audit: a connection destroyed while a
   * statement was in flight leaves its server process running for a while.
   */
  private readonly dropped = new Set<number>();
  /** Connections being opened: their server processes exist before the client learns their pid. */
  private readonly connecting = new Set<Promise<unknown>>();
  /** What may have changed the stored state, on either pool: see {@link StateChanges}. */
  readonly changes = new StateChanges();
  /** What may have released a lock, on either pool: see {@link LockReleases}. */
  readonly releases = new LockReleases();
  /** What the catalog said, shared by the connections (see {@link SessionCatalog}). */
  private readonly catalog = new SessionCatalog();
  /** New connections wait for this: the server sessions of abandoned connections are ending. */
  private settling: Promise<void> = Promise.resolve();
  /** Whether a run holds the pools: a design's `end()` is then recorded, for the run's release to report. */
  lent = false;
  /** The pools' own `end`: the design's is a no-op (see keepOpen), since the harness owns the pools. */
  private readonly endPools: ReadonlyArray<() => Promise<void>>;
  private endCalls: string[] = [];

  constructor(
    config: PoolConfig,
    private readonly terminate: (pids: ReadonlyArray<number>) => Promise<void>,
  ) {
    this.pool = new pg.Pool(config);
    this.direct = new pg.Pool({ ...config, max: 4 });
    this.pool.on("connect", (client) => {
      this.clients.set(client, gateClient(client, this.changes, this.releases, this.catalog));
      // A connection ended while checked out reports the error here; its task sees it on its next query.
      client.on("error", () => undefined);
    });
    this.direct.on("connect", (client) => watchDirect(client, this.changes, this.releases));
    this.pool.on("acquire", (client) => this.checkedOut.add(client));
    this.pool.on("release", (error, client) => this.released(error, client));
    this.pool.on("remove", (client) => {
      this.releases.happened();
      this.clients.delete(client);
      this.checkedOut.delete(client);
      this.dropped.add(pidOf(client));
    });
    this.direct.on("connect", (client) => this.directClients.add(client));
    this.direct.on("remove", (client) => {
      this.releases.happened();
      this.directClients.delete(client);
      this.dropped.add(pidOf(client));
    });
    for (const pool of [this.pool, this.direct]) {
      refuseCopies(pool);
      // An idle connection that dies is dropped by the pool; without a listener it would crash the process.
      pool.on("error", () => undefined);
      this.awaitSettling(pool);
    }
    const record = (name: string) => void this.endCalls.push(name);
    this.endPools = [keepOpen(this.pool, "pool", () => this.lent, record), keepOpen(this.direct, "direct", () => this.lent, record)];
  }

  /** The pools the code under test tried to end since the last call (see keepOpen). */
  takeEndCalls(): ReadonlyArray<string> {
    const calls = [...new Set(this.endCalls)];
    this.endCalls = [];
    return calls;
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
   * The server process ids of every connection the harness's pools hold or dropped since the last
   * call, once the connections being opened now are open (each ends within the connection timeout):
   * what is not among them on the server was opened by someone else.
   */
  async ownPids(): Promise<ReadonlySet<number>> {
    await Promise.allSettled([...this.connecting]);
    const own = new Set([...[...this.clients.keys(), ...this.directClients].map(pidOf), ...this.dropped].filter((pid) => pid !== 0));
    this.dropped.clear();
    return own;
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

  /**
   * Ends the server sessions of the connections `task` has checked out, as a crashed process would
   * lose them: their transactions roll back and their locks go. Waits until they are gone.
   */
  async abandonTask(task: string): Promise<void> {
    const mine = [...this.checkedOut].filter((client) => this.clients.get(client)?.task() === task);
    if (mine.length === 0) return;
    for (const client of mine) this.checkedOut.delete(client);
    const pids = mine.map(pidOf).filter((pid) => pid !== 0);
    for (const client of mine) client.release(new Error(`its task ${task} crashed`));
    await this.terminate(pids);
  }

  async end(): Promise<void> {
    this.abandonCheckedOut();
    await this.settling;
    await Promise.all(this.endPools.map((end) => end()));
  }

  private awaitSettling(pool: Pool): void {
    const connect = pool.connect.bind(pool) as () => Promise<PoolClient>;
    pool.connect = ((callback?: ConnectCallback) => {
      const connected = this.settling.then(connect).then(releasedOnce);
      const settled = connected.catch(() => undefined);
      this.connecting.add(settled);
      void settled.then(() => this.connecting.delete(settled));
      if (callback === undefined) return connected;
      void connected.then(
        (client) => callback(undefined, client, (release) => client.release(release as Error | boolean | undefined)),
        (error: Error) => callback(error, undefined, () => undefined),
      );
      return undefined;
    }) as Pool["connect"];
  }

  /** Every release passes here, the harness's own of abandoned connections too: each may let locks go. */
  private released(error: Error | undefined, client: PoolClient): void {
    this.releases.happened();
    this.checkedOut.delete(client);
    const gated = this.clients.get(client);
    gated?.released();
    // A task that forgot its transaction must not lend it, locks and all, to the next borrower;
    // the pool hands the connection on only after this ROLLBACK, which is queued first.
    if (gated !== undefined && !error && transactionOpen(client.getTransactionStatus())) void gated.sendQuietly("ROLLBACK").catch(() => undefined);
  }
}
