import type { Pool } from "mysql2";
import type { Pool as PromisePool, PoolConnection, ResultSetHeader, RowDataPacket } from "mysql2/promise";
import { commitOrRollback, retryWhile } from "../sql/transaction.js";

/** Anything that runs a statement: a pool (each statement its own transaction) or one connection. */
export type Queryable = Pick<PromisePool, "query">;

/** The rows of a SELECT. */
export const rowsOf = async <Row>(db: Queryable, sql: string, values?: unknown[]): Promise<ReadonlyArray<Row>> => {
  const [rows] = await db.query<RowDataPacket[]>(sql, values);
  return rows as unknown as ReadonlyArray<Row>;
};

/** How many rows an INSERT, UPDATE or DELETE matched. */
export const affected = async (db: Queryable, sql: string, values?: unknown[]): Promise<number> => {
  const [header] = await db.query<ResultSetHeader>(sql, values);
  return header.affectedRows;
};

/** The MariaDB error number of a server error; undefined for anything else. */
export const errnoOf = (error: unknown): number | undefined => {
  const errno = (error as { errno?: unknown } | null)?.errno;
  return typeof errno === "number" ? errno : undefined;
};

export type Isolation = "READ COMMITTED" | "REPEATABLE READ" | "SERIALIZABLE";

/**
 * Runs `work` in one transaction on one connection at `isolation` (`SET TRANSACTION` applies to the
 * next transaction only): COMMIT when it returns, ROLLBACK when it throws.
 *
 * WARNING: after a deadlock (1213) or a snapshot conflict (1020) InnoDB has already rolled the
 * whole transaction back; `work` must let that error through, or its next statements run in
 * autocommit and the COMMIT answers OK.
 */
export const inTransaction = async <T>(pool: Pool, isolation: Isolation | undefined, work: (connection: PoolConnection) => Promise<T>): Promise<T> => {
  const connection = await pool.promise().getConnection();
  try {
    if (isolation !== undefined) await connection.query(`SET TRANSACTION ISOLATION LEVEL ${isolation}`);
    await connection.query("START TRANSACTION");
    return await commitOrRollback(connection, work);
  } finally {
    connection.release();
  }
};

/**
 * Deadlocks (1213, SQLSTATE 40001) and, with `innodb_snapshot_isolation`, a row changed since the
 * snapshot (1020): InnoDB rolled the transaction back, and running it again is the documented remedy.
 */
const RETRYABLE = new Set([1213, 1020]);

/** Runs `attempt` again from its first statement while it fails with a retryable error or one `alsoRetry` accepts. */
export const retryTransaction = <T>(attempt: () => Promise<T>, alsoRetry: (error: unknown) => boolean = () => false): Promise<T> =>
  retryWhile((error) => RETRYABLE.has(errnoOf(error) ?? 0) || alsoRetry(error), attempt);
