const MAX_LABEL = 100;
const MAX_SELECT_LIST = 12;
const MAX_ROWS = 3;

/**
 * A parameter as SQL would spell it, for a label: `'it''s'`, `NULL`, `42`. Only a list is spelled
 * differently by each engine, so `list` joins the items' literals.
 */
export const sqlLiteral = (value: unknown, list: (items: ReadonlyArray<string>) => string): string => {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (Array.isArray(value)) return list(value.map((item: unknown) => sqlLiteral(item, list)));
  return `'${JSON.stringify(value)}'`;
};

/** The statement's text on one line: comments, line breaks and a trailing `;` go. */
export const oneLine = (text: string): string =>
  text
    .replace(/--[^\n]*/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/;$/, "");

/** A long select list becomes `…`, because the table and the WHERE clause say more about a race than the columns do. */
export const shortLabel = (sql: string): string => {
  const select = /^SELECT (.+?) FROM (.*)$/i.exec(sql);
  const shown = select !== null && (select[1] ?? "").length > MAX_SELECT_LIST ? `SELECT … FROM ${select[2] ?? ""}` : sql;
  return shown.length > MAX_LABEL ? `${shown.slice(0, MAX_LABEL - 1)}…` : shown;
};

const cellText = (value: unknown): string => {
  if (value === null || value === undefined) return "NULL";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  return JSON.stringify(value) ?? typeof value;
};

const rowText = (row: unknown): string => {
  const cells = Array.isArray(row) ? row : Object.values(row as Record<string, unknown>);
  return cells.length === 1 ? cellText(cells[0]) : `(${cells.map(cellText).join(", ")})`;
};

/** The first rows a statement returned, `(1, 10) (2, 20)`, and how many there were when not all are shown. */
export const rowsText = (rows: ReadonlyArray<unknown>): string =>
  rows.slice(0, MAX_ROWS).map(rowText).join(" ") + (rows.length > MAX_ROWS ? ` … ${rows.length} rows` : "");
