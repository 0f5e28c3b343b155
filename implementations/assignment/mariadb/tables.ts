import type { Pool } from "mysql2";
import type { AssignmentConfig, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { rowsOf } from "../../mariadb/transaction.js";
import type { Table } from "../../mariadb/tables.js";

/** One row per assignment, no constraint and no index at all: the naive designs and the row-lock design. */
export const memberships: Table = {
  name: "memberships",
  ddl: "CREATE TABLE memberships (member varchar(20) NOT NULL, container varchar(20) NOT NULL) ENGINE=InnoDB",
};

/** The parent rows that the row-lock design locks. */
export const lockedParents: ReadonlyArray<Table> = [
  { name: "members", ddl: "CREATE TABLE members (id varchar(20) PRIMARY KEY) ENGINE=InnoDB" },
  { name: "containers", ddl: "CREATE TABLE containers (id varchar(20) PRIMARY KEY) ENGINE=InnoDB" },
];

/** Each aggregate as one row with a version, its list as a JSON array. */
export const aggregateTables: ReadonlyArray<Table> = [
  {
    name: "member_aggregates",
    ddl: "CREATE TABLE member_aggregates (id varchar(20) PRIMARY KEY, containers text NOT NULL, version int NOT NULL) ENGINE=InnoDB",
  },
  {
    name: "container_aggregates",
    ddl: "CREATE TABLE container_aggregates (id varchar(20) PRIMARY KEY, members text NOT NULL, version int NOT NULL) ENGINE=InnoDB",
  },
];

/** Counters whose CHECK constraints are the scenario's limits, and the pairs they count. */
export const counterTables = (config: AssignmentConfig): ReadonlyArray<Table> => [
  {
    name: "member_counters",
    ddl: `CREATE TABLE member_counters (id varchar(20) PRIMARY KEY, containers int NOT NULL DEFAULT 0 CHECK (containers >= 0), CONSTRAINT member_limit CHECK (containers <= ${Math.trunc(config.memberLimit)})) ENGINE=InnoDB`,
  },
  {
    name: "container_counters",
    ddl: `CREATE TABLE container_counters (id varchar(20) PRIMARY KEY, members int NOT NULL DEFAULT 0 CHECK (members >= 0), CONSTRAINT container_limit CHECK (members <= ${Math.trunc(config.containerLimit)})) ENGINE=InnoDB`,
  },
  {
    name: "counted_memberships",
    ddl: "CREATE TABLE counted_memberships (member varchar(20) NOT NULL, container varchar(20) NOT NULL, PRIMARY KEY (member, container)) ENGINE=InnoDB",
  },
];

type Pair = readonly [member: string, container: string];

/** Both views of a design that keeps one row per pair: the same pairs, seen from either side. */
export const readPairs = async (direct: Pool, table: string): Promise<AssignmentSnapshot> => {
  const rows = await rowsOf<{ member: string; container: string }>(direct.promise(), `SELECT member, container FROM ${table}`);
  const pairs = rows.map((row): Pair => [row.member, row.container]);
  return { memberSide: pairs, containerSide: pairs };
};

/** Both views of the aggregate designs, read in one statement so that they come from one snapshot. */
export const readAggregates = async (direct: Pool): Promise<AssignmentSnapshot> => {
  const rows = await rowsOf<{ side: string; id: string; ids: string }>(
    direct.promise(),
    "SELECT 'member' AS side, id, containers AS ids FROM member_aggregates UNION ALL SELECT 'container', id, members FROM container_aggregates",
  );
  const listed = (side: string) => rows.filter((row) => row.side === side).map((row) => [row.id, JSON.parse(row.ids) as string[]] as const);
  return {
    memberSide: listed("member").flatMap(([member, containers]) => containers.map((container): Pair => [member, container])),
    containerSide: listed("container").flatMap(([container, members]) => members.map((member): Pair => [member, container])),
  };
};
