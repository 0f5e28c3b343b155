import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { counterTables, readPairs } from "./tables.js";
import { resetTables } from "../../postgres/table-definition.js";
import { inTransaction, violates } from "../../postgres/transaction.js";

/**
 * Set validation by the database: each member and each container has a counter whose CHECK
 * constraint is the scenario's limit, and the pair's primary key refuses a second join. A join
 * inserts the pair and increments both counters, in the order the outcomes take precedence; the
 * first statement the database refuses decides the outcome and rolls the rest back. Concurrent
 * increments of one counter queue on its row, and each is checked against the value before it.
 */
export const checkConstraints = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, PostgresEnvironment>({
  family: "assignment",
  name: "pg-check-constraints",
  design: "database constraint (counters with CHECK)",
  backend: "postgres",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, counterTables(config));
    const join = async (member: string, container: string): Promise<AssignmentOutcome> => {
      await pool.query(
        "WITH new_member AS (INSERT INTO member_counters (id) VALUES ($1) ON CONFLICT DO NOTHING) INSERT INTO container_counters (id) VALUES ($2) ON CONFLICT DO NOTHING",
        [member, container],
      );
      try {
        return await inTransaction(pool, "BEGIN", async (client) => {
          const inserted = await client.query("INSERT INTO counted_memberships (member, container) VALUES ($1, $2) ON CONFLICT DO NOTHING", [
            member,
            container,
          ]);
          if (inserted.rowCount === 0) return "already-joined";
          await client.query("UPDATE container_counters SET members = members + 1 WHERE id = $1", [container]);
          await client.query("UPDATE member_counters SET containers = containers + 1 WHERE id = $1", [member]);
          return "joined";
        });
      } catch (error) {
        if (violates(error, "container_limit")) return "container-full";
        if (violates(error, "member_limit")) return "member-at-limit";
        throw error;
      }
    };
    const leave = (member: string, container: string): Promise<AssignmentOutcome> =>
      inTransaction(pool, "BEGIN", async (client) => {
        const deleted = await client.query("DELETE FROM counted_memberships WHERE member = $1 AND container = $2", [member, container]);
        if (deleted.rowCount === 0) return "not-joined";
        await client.query("UPDATE container_counters SET members = members - 1 WHERE id = $1", [container]);
        await client.query("UPDATE member_counters SET containers = containers - 1 WHERE id = $1", [member]);
        return "left";
      });
    return {
      execute: ({ _tag, member, container }) => (_tag === "join" ? join(member, container) : leave(member, container)),
      snapshot: () => readPairs(direct, "counted_memberships"),
    };
  },
});
