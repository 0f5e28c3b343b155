import pg from "pg";
import type { Pool } from "pg";
import type { AssignmentConfig, AssignmentSnapshot } from "../../../model/assignment/types.js";

/** A table and the statement that creates it, limits included. */
export interface Table {
  readonly name: string;
  readonly ddl: string;
}

/** One row per assignment, no constraint at all: the naive designs and the row-lock design. */
export const memberships: Table = {
  name: "memberships",
  ddl: "CREATE TABLE memberships (member text NOT NULL, container text NOT NULL)",
};

/** The parent rows that the row-lock design locks. */
export const lockedParents: ReadonlyArray<Table> = [
  { name: "members", ddl: "CREATE TABLE members (id text PRIMARY KEY)" },
  { name: "containers", ddl: "CREATE TABLE containers (id text PRIMARY KEY)" },
];

/** Each aggregate as one row with a version: the member lists its containers, the container its members. */
export const aggregateTables: ReadonlyArray<Table> = [
  { name: "member_aggregates", ddl: "CREATE TABLE member_aggregates (id text PRIMARY KEY, containers text[] NOT NULL, version int NOT NULL)" },
  { name: "container_aggregates", ddl: "CREATE TABLE container_aggregates (id text PRIMARY KEY, members text[] NOT NULL, version int NOT NULL)" },
];

/** Counters whose CHECK constraints are the scenario's limits, and the pairs they count. */
export const counterTables = (config: AssignmentConfig): ReadonlyArray<Table> => [
  {
    name: "member_counters",
    ddl: `CREATE TABLE member_counters (id text PRIMARY KEY, containers int NOT NULL DEFAULT 0 CHECK (containers >= 0) CONSTRAINT member_limit CHECK (containers <= ${Math.trunc(config.memberLimit)}))`,
  },
  {
    name: "container_counters",
    ddl: `CREATE TABLE container_counters (id text PRIMARY KEY, members int NOT NULL DEFAULT 0 CHECK (members >= 0) CONSTRAINT container_limit CHECK (members <= ${Math.trunc(config.containerLimit)}))`,
  },
  { name: "counted_memberships", ddl: "CREATE TABLE counted_memberships (member text NOT NULL, container text NOT NULL, PRIMARY KEY (member, container))" },
];

/**
 * Gives a run empty tables. A table is created, or dropped and created again when its statement
 * changed (another scenario's limits), and each table keeps the statement that made it as its
 * comment, so that the usual case costs one catalogue read and one TRUNCATE. TRUNCATE rather than
 * DELETE: every run starts from the same physical layout, which keeps runs repeatable.
 */
export const resetTables = async (direct: Pool, tables: ReadonlyArray<Table>): Promise<void> => {
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

type Pair = readonly [member: string, container: string];

/** Both views of a design that keeps one row per pair: the same pairs, seen from either side. */
export const readPairs = async (direct: Pool, table: string): Promise<AssignmentSnapshot> => {
  const { rows } = await direct.query<{ member: string; container: string }>(`SELECT member, container FROM ${table}`);
  const pairs = rows.map((row): Pair => [row.member, row.container]);
  return { memberSide: pairs, containerSide: pairs };
};

/** Both views of the aggregate designs, read in one statement so that they come from one snapshot. */
export const readAggregates = async (direct: Pool): Promise<AssignmentSnapshot> => {
  const { rows } = await direct.query<{ member_side: Pair[]; container_side: Pair[] }>(`
    SELECT
      (SELECT coalesce(json_agg(json_build_array(id, c)), '[]') FROM member_aggregates, unnest(containers) AS c) AS member_side,
      (SELECT coalesce(json_agg(json_build_array(m, id)), '[]') FROM container_aggregates, unnest(members) AS m) AS container_side`);
  return { memberSide: rows[0]?.member_side ?? [], containerSide: rows[0]?.container_side ?? [] };
};
