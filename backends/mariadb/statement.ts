import { oneLine, rowsText, shortLabel, sqlLiteral } from "../sql/statement-text.js";

/** Server errors a concurrency test meets, by their names in MariaDB's error list. */
const ERROR_NAMES: Readonly<Record<number, string>> = {
  1020: "ER_CHECKREAD",
  1062: "ER_DUP_ENTRY",
  1146: "ER_NO_SUCH_TABLE",
  1205: "ER_LOCK_WAIT_TIMEOUT",
  1213: "ER_LOCK_DEADLOCK",
  1451: "ER_ROW_IS_REFERENCED_2",
  1452: "ER_NO_REFERENCED_ROW_2",
  1927: "ER_CONNECTION_KILLED",
  1969: "ER_STATEMENT_TIMEOUT",
  4025: "ER_CONSTRAINT_FAILED",
};

/**
 * Errors after which InnoDB has rolled back the whole transaction, not just the statement: the
 * session then runs every further statement in autocommit until the next BEGIN.
 */
export const ROLLS_BACK_TRANSACTION: ReadonlySet<number> = new Set([1020, 1213]);

/** The MariaDB error number of a server error, if the error came from the server. */
export const errnoOf = (error: unknown): number | undefined => {
  const errno = (error as { errno?: unknown; sqlState?: unknown } | null)?.errno;
  return typeof errno === "number" && typeof (error as { sqlState?: unknown }).sqlState === "string" ? errno : undefined;
};

/** `1213 ER_LOCK_DEADLOCK`, or the number and the driver's code for one not listed. */
export const errorName = (errno: number, code?: string): string => `${errno} ${ERROR_NAMES[errno] ?? code ?? "error"}`;

const literal = (value: unknown): string => sqlLiteral(value, (items) => items.join(", "));

/**
 * The statement as one short line for a timeline cell, its `?` placeholders replaced by the values
 * (a text query arrives with them already inlined by the driver): comments and line breaks go, and
 * a long select list becomes `…` because the table and the WHERE clause say more about a race.
 */
export const statementLabel = (text: string, values: ReadonlyArray<unknown> | undefined): string => {
  let sql = oneLine(text);
  if (values !== undefined && values.length > 0) {
    let next = 0;
    // Placeholders inside string literals are left alone: the literal is matched first and kept.
    sql = sql.replace(/'(?:[^'\\]|\\.|'')*'|\?/g, (match) => (match === "?" && next < values.length ? literal(values[next++]) : match));
  }
  return shortLabel(sql);
};

const verbOf = (text: string): string => /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? "OK";

/** What a statement returned: its rows for a query, its verb and affected rows otherwise. */
export const resultText = (text: string, result: unknown): string => {
  if (Array.isArray(result)) {
    // Several statements in one query string answer with one result each.
    if (result.length > 0 && result.every((part) => Array.isArray(part) || isHeader(part))) return result.map((part) => resultText(text, part)).join("; ");
    if (result.length === 0) return "0 rows";
    return rowsText(result);
  }
  if (isHeader(result))
    return ["SELECT", "SHOW", "SET", "BEGIN", "START", "COMMIT", "ROLLBACK"].includes(verbOf(text)) ? verbOf(text) : `${verbOf(text)} ${result.affectedRows}`;
  return "OK";
};

const isHeader = (value: unknown): value is { affectedRows: number } => typeof (value as { affectedRows?: unknown } | null)?.affectedRows === "number";

/** A failed statement, as the timeline shows it: `✗ 1213 ER_LOCK_DEADLOCK`. */
export const errorText = (error: unknown): string => {
  const errno = errnoOf(error);
  if (errno === undefined) return `✗ ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
  return `✗ ${errorName(errno, (error as { code?: string }).code)}`;
};

/** What a statement does to the session's transaction, read from its first words. */
export const transactionEffect = (text: string): "begin" | "end" | undefined => {
  if (/^\s*(BEGIN|START\s+TRANSACTION)\b/i.test(text)) return "begin";
  if (/^\s*(COMMIT|ROLLBACK)\b(?!\s+TO\b)/i.test(text)) return "end";
  return undefined;
};
