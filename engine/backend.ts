/**
 * Lets a backend tell a task that is waiting for a lock from one that is still working, so that the
 * engine can decide while a statement is blocked (PostgreSQL answers only after the holder moves).
 */
export interface BlockingProbe {
  /** For each of `running` that is blocked, the tasks it waits for; tasks not in the map are working. */
  readonly blocked: (running: ReadonlyArray<string>) => Promise<ReadonlyMap<string, ReadonlyArray<string>>>;
  /** How long to wait before asking again while some task is working. */
  readonly pollMs: number;
}

/** One run's hold on a session: what the run's `create` receives, given back when the run ends. */
export interface RunLease {
  /** Handed to the run's `create` besides the configuration (for PostgreSQL, a gated pool). */
  readonly environment: object;
  /**
   * Called once the run's commands and snapshots are done, before the design is disposed (what it
   * closes in `dispose` is still there to be seen): throws when the run cannot be trusted, e.g.
   * because statements reached the backend without passing the harness's gate.
   */
  readonly audit?: () => Promise<void>;
  /** Ends the run's hold (also after a failed or abandoned run); safe to call twice. */
  readonly release: () => Promise<void>;
  /**
   * A number that changes whenever the state a snapshot reads may have changed, or undefined when
   * that is not known (something that may change it is under way). While it stays the same the
   * engine reuses the run's last snapshot instead of reading the same state again.
   */
  readonly stateVersion?: () => number | undefined;
}

/** Where a run gets its lease: a session's `beginRun`, or {@link lendEnvironment} outside a session. */
export type LeaseSource = () => Promise<RunLease>;

/**
 * A lease source that lends the same environment to every run and takes nothing back: for designs
 * that need nothing from a backend (the default, `{}`) and for tests that build the environment
 * themselves. A backend session's `beginRun` is the source to use whenever there is a session.
 */
export const lendEnvironment =
  (environment: object = {}): LeaseSource =>
  async () => ({ environment, release: async () => undefined });

/** What a started backend lends to every run of the implementations that use it. */
export interface BackendSession {
  /**
   * Called by the engine before every run: the moment for the backend to take back what an earlier
   * run left behind (connections of tasks still parked when it ended early). A second lease while one
   * is held is refused with an error: two overlapping runs on one session would corrupt each other.
   */
  readonly beginRun: () => Promise<RunLease>;
  /** What designs receive, for code outside a run (tests, benchmarks): never use it during a run. */
  readonly environment?: object;
  readonly probe?: BlockingProbe;
  /**
   * Ends what a task the engine abandons mid-run holds, as a crash would: for PostgreSQL, its
   * connection, so that its open transaction rolls back and its locks go before the run goes on.
   * Without it, an abandoned task simply never resumes.
   */
  readonly abandonTask?: (task: string) => Promise<void>;
  /** One line for reports, e.g. `embedded PostgreSQL 18.4 on 127.0.0.1:54321, schema invariant_lab_x`. */
  readonly description: string;
  /** Releases everything the session created; safe to call twice. */
  readonly stop: () => Promise<void>;
}

/** Where implementations keep their state: memory, a PostgreSQL server, ... */
export interface Backend {
  readonly name: string;
  /** Default number of runs per check: real servers are slower than memory. */
  readonly defaultRuns: number;
  /** Default per-run time limit in milliseconds. */
  readonly timeLimitMs: number;
  readonly start: () => Promise<BackendSession>;
  /**
   * Why this machine cannot run the backend at all (no server named, none installed), or undefined
   * when it can. A backend a machine may lack is reported as not covered, not as a failure, unless
   * it was asked for by name.
   */
  readonly unavailable?: () => string | undefined;
}
