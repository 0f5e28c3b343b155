import pg from "pg";
import type { Pool } from "pg";

/** A table and the statement that creates it, limits included. */
export interface TableDefinition {
  readonly name: string;
  readonly ddl: string;
}

/**
 * Gives a run empty tables. A table is created, or dropped and created again when its statement
 * changed (another scenario's limits), and each table keeps the statement that made it as its
 * comment, so that the usual case costs one catalogue read and one TRUNCATE. TRUNCATE rather than
 * DELETE: every run starts from the same physical layout, which keeps runs repeatable.
 */
export const resetTables = async (direct: Pool, tables: ReadonlyArray<TableDefinition>): Promise<void> => {
  const { rows } = await direct.query<{ name: string; ddl: string | null }>(
    "SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS ddl FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1)",
    [tables.map((table) => table.name)],
  );
  const existing = new Map(rows.map((row) => [row.name, row.ddl]));
  const stale = tables.filter((table) => existing.get(table.name) !== table.ddl);
  if (stale.length > 0) {
    await direct.query(
      stale
        .map((table) => `DROP TABLE IF EXISTS ${table.name} CASCADE; ${table.ddl}; COMMENT ON TABLE ${table.name} IS ${pg.escapeLiteral(table.ddl)};`)
        .join("\n"),
    );
  }
  await direct.query(`TRUNCATE ${tables.map((table) => table.name).join(", ")}`);
};
