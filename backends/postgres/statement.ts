import pg from "pg";
import type { QueryResult } from "pg";
import { oneLine, rowsText, shortLabel, sqlLiteral } from "../sql/statement-text.js";

/** SQLSTATEs a concurrency test meets, by their names in PostgreSQL's errcodes.txt. */
const SQLSTATE_NAMES: Readonly<Record<string, string>> = {
  "23502": "not_null_violation",
  "23503": "foreign_key_violation",
  "23505": "unique_violation",
  "23514": "check_violation",
  "23P01": "exclusion_violation",
  "25P02": "in_failed_sql_transaction",
  "40000": "transaction_rollback",
  "40001": "serialization_failure",
  "40P01": "deadlock_detected",
  "55P03": "lock_not_available",
  "57014": "query_canceled",
  "57P01": "admin_shutdown",
};

/** `40001 serialization_failure`, or the bare code for one not listed. */
export const sqlstateText = (code: string): string => `${code} ${SQLSTATE_NAMES[code] ?? "error"}`;

/** The SQLSTATE of a server error, if the error came from the server. */
export const sqlstateOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
};

const literal = (value: unknown): string => sqlLiteral(value, (items) => `ARRAY[${items.join(", ")}]`);

/**
 * The statement as one short line with its parameters inlined, for a timeline cell: comments and
 * line breaks go, and a long select list becomes `…` because the table and the WHERE clause say
 * more about a race than the columns do.
 */
export const statementLabel = (text: string, values: ReadonlyArray<unknown> | undefined): string => {
  const sql = oneLine(text);
  if (values === undefined || values.length === 0) return shortLabel(sql);
  return shortLabel(sql.replace(/\$(\d+)\b/g, (whole, index: string) => (Number(index) <= values.length ? literal(values[Number(index) - 1]) : whole)));
};

/** What a statement returned: its rows for a query, its command tag otherwise. */
export const resultText = (result: QueryResult): string => {
  // Several statements in one query string answer with one result each.
  if (Array.isArray(result)) return (result as QueryResult[]).map(resultText).join("; ");
  const rows: ReadonlyArray<unknown> = result.rows ?? [];
  const shown = rowsText(rows);
  if (result.command === "SELECT") return rows.length === 0 ? "0 rows" : shown;
  const tag = result.rowCount === null ? result.command : `${result.command} ${result.rowCount}`;
  return rows.length === 0 || (result.fields ?? []).length === 0 ? tag : `${tag}: ${shown}`;
};

/** A failed statement, as the timeline shows it: `✗ 23514 check_violation (container_limit)`. */
export const failedStatementText = (error: unknown): string => {
  if (error instanceof RolledBackCommit) return `✗ ROLLBACK${error.failedWith === undefined ? "" : ` (failed earlier with ${sqlstateText(error.failedWith)})`}`;
  const code = sqlstateOf(error);
  if (code === undefined) return `✗ ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
  const constraint = (error as { constraint?: unknown }).constraint;
  return `✗ ${sqlstateText(code)}${typeof constraint === "string" ? ` (${constraint})` : ""}`;
};

/** `COMMIT` and its synonym `END`, the statements whose answer may be a silent rollback. */
export const isCommit = (text: string): boolean => /^\s*(COMMIT|END)\b(?!\s+PREPARED)/i.test(text);

/**
 * What a COMMIT answered with the `ROLLBACK` tag throws. It is a `DatabaseError`, like any server
 * error, so that code and ORMs that test `instanceof` or `code` handle it as one.
 */
export class RolledBackCommit extends pg.DatabaseError {
  /** `failedWith`: the SQLSTATE that failed the transaction earlier, when the driver saw it. */
  constructor(readonly failedWith: string | undefined) {
    const reason = failedWith === undefined ? "the transaction had already failed" : `the transaction had already failed with ${sqlstateText(failedWith)}`;
    super(`COMMIT was answered with ROLLBACK: ${reason}`, 0, "error");
    this.code = failedWith ?? "40000";
    this.severity = "ERROR";
  }
}

/**
 * What a statement cancelled by the harness to break a deadlock throws: the error PostgreSQL's own
 * deadlock detector raises (40P01), so that designs and their retry logic cannot tell the two apart.
 */
export class DeadlockDetected extends pg.DatabaseError {
  constructor(task: string) {
    super("deadlock detected", 0, "error");
    this.code = "40P01";
    this.severity = "ERROR";
    this.detail = `${task} waited in a cycle of lock waits; chosen as the victim because it had waited longest.`;
  }
}
