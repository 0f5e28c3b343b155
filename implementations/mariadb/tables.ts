import type { Pool } from "mysql2";

/** A table and the statement that creates it, limits included. */
export interface Table {
  readonly name: string;
  readonly ddl: string;
}

/** The statement each table was last created with, per pool (a session's database is its own). */
const created = new WeakMap<Pool, Map<string, string>>();

/**
 * Gives a run empty tables: a table is created, or dropped and created again when its statement
 * changed (another scenario's limits), then emptied with TRUNCATE. TRUNCATE rather than DELETE:
 * InnoDB keeps deleted rows as delete-marked records until purge gets to them, and gap locks
 * depend on those records, so only a table rebuilt empty locks the same way in every run.
 */
export const resetTables = async (direct: Pool, tables: ReadonlyArray<Table>): Promise<void> => {
  const known = created.get(direct) ?? new Map<string, string>();
  created.set(direct, known);
  const db = direct.promise();
  for (const table of tables) {
    if (known.get(table.name) === table.ddl) {
      await db.query(`TRUNCATE TABLE ${table.name}`);
      continue;
    }
    await db.query(`DROP TABLE IF EXISTS ${table.name}`);
    await db.query(table.ddl);
    known.set(table.name, table.ddl);
  }
};
