import { resetTables, type TableDefinition } from "../../index.js";

/**
 * The schema both ORM examples use, created in `create()` over `direct` (a team would run its
 * migrations here): one row per membership, with no constraint that could keep the rule by itself,
 * and the parent rows that a design may lock.
 */
const tables: ReadonlyArray<TableDefinition> = [
  { name: "users", ddl: "CREATE TABLE users (id text PRIMARY KEY)" },
  { name: "groups", ddl: "CREATE TABLE groups (id text PRIMARY KEY)" },
  { name: "memberships", ddl: "CREATE TABLE memberships (member text NOT NULL, container text NOT NULL)" },
];

/** Empty tables for a run (created the first time, truncated after that). */
export const emptyTables = (direct: Parameters<typeof resetTables>[0]): Promise<void> => resetTables(direct, tables);
