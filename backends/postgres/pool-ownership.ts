import type { Pool } from "pg";

/**
 * Code under test ended a pool the harness lends (`pool.end()`, which Kysely's `db.destroy()` and
 * most ORMs' disconnect call). The harness owns its pools: it keeps them open across runs and ends
 * them when the session stops. This is a usage error to fix in the design, never a verdict on it.
 */
export class PoolOwnedByHarness extends Error {
  constructor(readonly pools: ReadonlyArray<string>) {
    const named = pools.map((pool) => `${pool}.end()`).join(" and ");
    super(
      `the design called ${named} on the pool the harness lends it (Kysely's db.destroy() calls it): the harness owns that pool, keeps it open across runs and ends it when the session stops; the pool was left open. Remove the call (from dispose, if it is there)`,
    );
    this.name = "PoolOwnedByHarness";
  }
}

type EndCallback = (error?: Error) => void;

/**
 * Makes `pool.end()` leave the pool open: inside a run (`lent()` true) the call is recorded for the
 * run's release to report, and resolves so that the design's own cleanup goes on as written; outside
 * one it is refused at once. Returns the pool's real `end`, for the harness alone.
 */
export const keepOpen = (pool: Pool, name: string, lent: () => boolean, record: (name: string) => void): (() => Promise<void>) => {
  const end: () => Promise<void> = pool.end.bind(pool);
  pool.end = ((callback?: EndCallback) => {
    const refused = lent() ? undefined : new PoolOwnedByHarness([name]);
    if (refused === undefined) record(name);
    if (callback !== undefined) {
      queueMicrotask(() => callback(refused));
      return undefined;
    }
    return refused === undefined ? Promise.resolve() : Promise.reject(refused);
  }) as Pool["end"];
  return end;
};
