import type { Pool } from "pg";
import type { TableDefinition } from "../../postgres/table-definition.js";
import type { AssignmentConfig, AssignmentSnapshot } from "../../../model/assignment/types.js";

/** One row per assignment, no constraint at all: the naive designs and the row-lock design. */
export const memberships: TableDefinition = {
  name: "memberships",
  ddl: "CREATE TABLE memberships (member text NOT NULL, container text NOT NULL)",
};

/** The parent rows that the row-lock design locks. */
export const lockedParents: ReadonlyArray<TableDefinition> = [
  { name: "members", ddl: "CREATE TABLE members (id text PRIMARY KEY)" },
  { name: "containers", ddl: "CREATE TABLE containers (id text PRIMARY KEY)" },
];

/** Each aggregate as one row with a version: the member lists its containers, the container its members. */
export const aggregateTables: ReadonlyArray<TableDefinition> = [
  { name: "member_aggregates", ddl: "CREATE TABLE member_aggregates (id text PRIMARY KEY, containers text[] NOT NULL, version int NOT NULL)" },
  { name: "container_aggregates", ddl: "CREATE TABLE container_aggregates (id text PRIMARY KEY, members text[] NOT NULL, version int NOT NULL)" },
];

/** Counters whose CHECK constraints are the scenario's limits, and the pairs they count. */
export const counterTables = (config: AssignmentConfig): ReadonlyArray<TableDefinition> => [
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
