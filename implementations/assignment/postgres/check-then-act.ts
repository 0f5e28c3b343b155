import type { Pool, PoolClient } from "pg";
import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineImplementation, type Implementation } from "../../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { decideJoin, decideLeave } from "../aggregates.js";
import { memberships, readPairs } from "./tables.js";
import { resetTables } from "../../postgres/table-definition.js";
import { inTransaction, type Isolation } from "../../postgres/transaction.js";

/** An assignment design on PostgreSQL. */
export type PostgresAssignment = Implementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, PostgresEnvironment>;

/**
 * Check-then-act on a connection inside a transaction: read the pairs of this member and of this
 * container, let the domain service decide, then insert or delete. Nothing here stops another
 * transaction from inserting between this read and this insert, and neither sees the other's row
 * before it commits.
 */
export const checkThenActIn = async (
  client: PoolClient,
  config: AssignmentConfig,
  { _tag, member, container }: AssignmentCommand,
): Promise<AssignmentOutcome> => {
  const { rows } = await client.query<{ member: string; container: string }>("SELECT member, container FROM memberships WHERE member = $1 OR container = $2", [
    member,
    container,
  ]);
  const memberRow = { containers: rows.filter((row) => row.member === member).map((row) => row.container) };
  const containerRow = { members: rows.filter((row) => row.container === container).map((row) => row.member) };
  const decision = _tag === "join" ? decideJoin(member, memberRow, container, containerRow, config) : decideLeave(member, memberRow, container, containerRow);
  if (decision.outcome === "joined") await client.query("INSERT INTO memberships (member, container) VALUES ($1, $2)", [member, container]);
  if (decision.outcome === "left") await client.query("DELETE FROM memberships WHERE member = $1 AND container = $2", [member, container]);
  return decision.outcome;
};

/** The check-then-act as one transaction at `isolation`. */
export const checkThenAct = (pool: Pool, isolation: Isolation, config: AssignmentConfig, command: AssignmentCommand): Promise<AssignmentOutcome> =>
  inTransaction(pool, `BEGIN ISOLATION LEVEL ${isolation}`, (client) => checkThenActIn(client, config, command));

/** The naive design at one isolation level, as a complete implementation. */
export const naiveAt = (isolation: Isolation, name: string, design: string): PostgresAssignment =>
  defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, PostgresEnvironment>({
    family: "assignment",
    name,
    design,
    backend: "postgres",
    claim: "linearizable",
    async create({ config, pool, direct }) {
      await resetTables(direct, [memberships]);
      return { execute: (command) => checkThenAct(pool, isolation, config, command), snapshot: () => readPairs(direct, memberships.name) };
    },
  });
