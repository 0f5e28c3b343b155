import type { Pool, PoolClient } from "pg";
import { commitOrRollback, retryWhile } from "../sql/transaction.js";

/** Anything that runs a statement: a pool (each statement its own transaction) or one connection. */
export type Queryable = Pick<Pool, "query">;

/** The isolation levels PostgreSQL distinguishes (READ UNCOMMITTED behaves as READ COMMITTED). */
export type Isolation = "READ COMMITTED" | "REPEATABLE READ" | "SERIALIZABLE";

/** The SQLSTATE of a server error; undefined for anything else. */
export const sqlstate = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
};

/** A server error raised by the named constraint, e.g. `check_violation` on `container_limit`. */
export const violates = (error: unknown, constraint: string): boolean => (error as { constraint?: unknown } | null)?.constraint === constraint;

/**
 * Runs `work` in one transaction on one connection: COMMIT when it returns, ROLLBACK when it
 * throws. A COMMIT that fails (40001 at commit time, or the harness's error for a COMMIT answered
 * with ROLLBACK) ends the transaction by itself and is rethrown.
 */
export const inTransaction = async <T>(pool: Pool, begin: string, work: (client: PoolClient) => Promise<T>): Promise<T> => {
  const client = await pool.connect();
  try {
    await client.query(begin);
    return await commitOrRollback(client, work);
  } finally {
    client.release();
  }
};

/** Serialization failures and deadlocks: PostgreSQL's documented signals to run the transaction again. */
const RETRYABLE = new Set(["40001", "40P01"]);

/**
 * Runs `attempt` again, from its first statement, while it fails with a serialization failure, a
 * deadlock, or an error `alsoRetry` accepts (an application's own conflict, such as a stale version).
 */
export const retryTransaction = <T>(attempt: () => Promise<T>, alsoRetry: (error: unknown) => boolean = () => false): Promise<T> =>
  retryWhile((error) => RETRYABLE.has(sqlstate(error) ?? "") || alsoRetry(error), attempt);
