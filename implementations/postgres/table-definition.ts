import pg from "pg";
import type { Pool, QueryResult } from "pg";

/** A table and the statement that creates it, limits included. */
export interface TableDefinition {
  readonly name: string;
  readonly ddl: string;
}

const catalogueRead = (tables: ReadonlyArray<TableDefinition>): string =>
  `SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS ddl FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relname IN (${tables.map((table) => pg.escapeLiteral(table.name)).join(", ")})`;

const truncate = (tables: ReadonlyArray<TableDefinition>): string => `TRUNCATE ${tables.map((table) => table.name).join(", ")}`;

type Catalogue = ReadonlyArray<{ readonly name: string; readonly ddl: string | null }>;

/**
 * Gives a run empty tables. A table is created, or dropped and created again when its statement
 * changed (another scenario's limits), and each table keeps the statement that made it as its
 * comment. The usual case, every table there as defined, costs one round trip: the catalogue read
 * and the TRUNCATE sent as one string. TRUNCATE rather than DELETE: every run starts from the same
 * physical layout (no dead rows, no pages left over, statistics that do not drift with autovacuum),
 * so that scans without ORDER BY return rows in the same order and the planner picks the same plans
 * in every run, which keeps runs repeatable.
 */
export const resetTables = async (direct: Pool, tables: ReadonlyArray<TableDefinition>): Promise<void> => {
  let existing: Catalogue | undefined;
  try {
    const results = (await direct.query(`${catalogueRead(tables)}; ${truncate(tables)}`)) as unknown as ReadonlyArray<QueryResult>;
    existing = results[0]?.rows as Catalogue | undefined;
  } catch {
    // A table is missing or cannot be truncated as it is: the catalogue says which, below.
  }
  if (existing !== undefined && tables.every((table) => existing.some((row) => row.name === table.name && row.ddl === table.ddl))) return;
  const { rows } = await direct.query<{ name: string; ddl: string | null }>(catalogueRead(tables));
  const defined = new Map(rows.map((row) => [row.name, row.ddl]));
  const stale = tables.filter((table) => defined.get(table.name) !== table.ddl);
  if (stale.length > 0) {
    await direct.query(
      stale
        .map((table) => `DROP TABLE IF EXISTS ${table.name} CASCADE; ${table.ddl}; COMMENT ON TABLE ${table.name} IS ${pg.escapeLiteral(table.ddl)};`)
        .join("\n"),
    );
  }
  await direct.query(truncate(tables));
};
