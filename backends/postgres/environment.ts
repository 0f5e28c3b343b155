import type { Pool } from "pg";

/**
 * What the PostgreSQL backend hands to every run's `create`, beside the configuration. Both pools
 * reach the same server, as the same user, inside the session's own schema (`search_path`), with
 * `lock_timeout` and `statement_timeout` set on every connection.
 *
 * @example
 * ```ts
 * create: async ({ config, pool, direct }) => {
 *   await direct.query("TRUNCATE memberships");
 *   return { execute: (command) => join(pool, command), snapshot: () => readPairs(direct) };
 * }
 * ```
 */
export interface PostgresEnvironment {
  /**
   * For the code under test, unchanged: plain `pg` or an ORM that accepts a Pool. Inside a command,
   * every statement waits at the harness's gate before it is sent, so the harness chooses the order
   * of statements across tasks. Outside a command (in `create`, `snapshot`) statements run at once.
   *
   * One difference from a plain Pool: a `COMMIT` (or `END`) that PostgreSQL answers with the
   * `ROLLBACK` command tag, because the transaction had already failed, throws a `DatabaseError`
   * instead of resolving. Its `code` is the SQLSTATE that failed the transaction (40001 after a
   * serialization failure) or 40000 (transaction_rollback) when that is unknown, so that retry
   * logic keyed on `code` treats it like the original failure. A commit that did not commit must
   * never look like success.
   */
  readonly pool: Pool;
  /** For setup and snapshots: never gated, even when called from inside a command. */
  readonly direct: Pool;
}
