import type { Pool } from "mysql2";

/**
 * What the MariaDB backend hands to every run's `create`, beside the configuration: mysql2 pools
 * (callback API; `pool.promise()` gives the promise API over the same connections), both in the
 * session's own database, with `innodb_lock_wait_timeout` and `max_statement_time` set on every
 * connection.
 *
 * @example
 * ```ts
 * create: async ({ config, pool, direct }) => {
 *   await direct.promise().query("TRUNCATE memberships");
 *   return { execute: (command) => join(pool.promise(), command), snapshot: () => readPairs(direct) };
 * }
 * ```
 */
export interface MariadbEnvironment {
  /**
   * For the code under test, unchanged: plain mysql2 or an ORM that accepts a mysql2 pool (Kysely's
   * MysqlDialect). Inside a command every statement waits at the harness's gate before it is sent,
   * so the harness chooses the order of statements across tasks; outside a command (in `create`,
   * `snapshot`) statements run at once.
   *
   * Unlike PostgreSQL, MariaDB answers a COMMIT after a deadlock (1213) with OK: the deadlock had
   * already rolled the transaction back and the statements after it ran in autocommit. The pool
   * does not change that (the code under test must see what MariaDB does); the timeline flags it.
   */
  readonly pool: Pool;
  /** For setup and snapshots: never gated, even when called from inside a command. */
  readonly direct: Pool;
}
