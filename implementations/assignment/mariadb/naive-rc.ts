import type { Pool } from "mysql2";
import type { PoolConnection } from "mysql2/promise";
import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import { defineImplementation, type Implementation } from "../../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { decideJoin, decideLeave } from "../aggregates.js";
import { memberships, readPairs } from "./tables.js";
import { resetTables } from "../../mariadb/tables.js";
import { inTransaction, type Isolation, rowsOf } from "../../mariadb/transaction.js";

export type MariadbAssignment = Implementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, MariadbEnvironment>;

/**
 * Check-then-act on a connection inside a transaction: read the pairs of this member and of this
 * container, let the domain service decide, then insert or delete. A plain SELECT takes no lock
 * below SERIALIZABLE, so nothing stops another transaction from inserting in between.
 */
export const checkThenActIn = async (
  connection: PoolConnection,
  config: AssignmentConfig,
  { _tag, member, container }: AssignmentCommand,
): Promise<AssignmentOutcome> => {
  const rows = await rowsOf<{ member: string; container: string }>(connection, "SELECT member, container FROM memberships WHERE member = ? OR container = ?", [
    member,
    container,
  ]);
  const memberRow = { containers: rows.filter((row) => row.member === member).map((row) => row.container) };
  const containerRow = { members: rows.filter((row) => row.container === container).map((row) => row.member) };
  const decision = _tag === "join" ? decideJoin(member, memberRow, container, containerRow, config) : decideLeave(member, memberRow, container, containerRow);
  if (decision.outcome === "joined") await connection.query("INSERT INTO memberships (member, container) VALUES (?, ?)", [member, container]);
  if (decision.outcome === "left") await connection.query("DELETE FROM memberships WHERE member = ? AND container = ?", [member, container]);
  return decision.outcome;
};

/** The check-then-act as one transaction at `isolation`. */
export const checkThenAct = (pool: Pool, isolation: Isolation, config: AssignmentConfig, command: AssignmentCommand): Promise<AssignmentOutcome> =>
  inTransaction(pool, isolation, (connection) => checkThenActIn(connection, config, command));

/** The naive design at one isolation level, as a complete implementation. */
export const naiveAt = (isolation: Isolation, name: string, design: string): MariadbAssignment =>
  defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, MariadbEnvironment>({
    family: "assignment",
    name,
    design,
    backend: "mariadb",
    claim: "linearizable",
    async create({ config, pool, direct }) {
      await resetTables(direct, [memberships]);
      return { execute: (command) => checkThenAct(pool, isolation, config, command), snapshot: () => readPairs(direct, memberships.name) };
    },
  });

/** Naive check-then-act at READ COMMITTED: two joins both count the socket empty, both insert. */
export const naiveReadCommittedOnMariadb = naiveAt("READ COMMITTED", "mariadb-naive-rc", "naive check-then-act, READ COMMITTED");
