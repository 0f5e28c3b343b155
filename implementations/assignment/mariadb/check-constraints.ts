import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { counterTables, readPairs } from "./tables.js";
import { resetTables } from "../../mariadb/tables.js";
import { affected, errnoOf, inTransaction } from "../../mariadb/transaction.js";

/** MariaDB names the failed CHECK only in the message: "CONSTRAINT `container_limit` failed for …" (4025). */
const violates = (error: unknown, constraint: string): boolean =>
  errnoOf(error) === 4025 && String((error as { sqlMessage?: unknown }).sqlMessage).includes(`\`${constraint}\``);

/**
 * Set validation by the database: counters whose CHECK constraints are the scenario's limits, and
 * the pair's primary key refusing a second join. A join inserts the pair and increments both
 * counters in the order the outcomes take precedence; the first statement refused decides the
 * outcome and the rest is rolled back. An UPDATE reads the latest committed counter under its row
 * lock, at any isolation level, so concurrent increments queue and each is checked in turn.
 */
export const checkConstraintsOnMariadb = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, MariadbEnvironment>({
  family: "assignment",
  name: "mariadb-check-constraints",
  design: "database constraint (counters with CHECK)",
  backend: "mariadb",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, counterTables(config));
    const db = pool.promise();
    const join = async (member: string, container: string): Promise<AssignmentOutcome> => {
      await db.query("INSERT IGNORE INTO member_counters (id) VALUES (?)", [member]);
      await db.query("INSERT IGNORE INTO container_counters (id) VALUES (?)", [container]);
      try {
        return await inTransaction(pool, undefined, async (connection) => {
          if ((await affected(connection, "INSERT IGNORE INTO counted_memberships (member, container) VALUES (?, ?)", [member, container])) === 0)
            return "already-joined";
          await connection.query("UPDATE container_counters SET members = members + 1 WHERE id = ?", [container]);
          await connection.query("UPDATE member_counters SET containers = containers + 1 WHERE id = ?", [member]);
          return "joined";
        });
      } catch (error) {
        if (violates(error, "container_limit")) return "container-full";
        if (violates(error, "member_limit")) return "member-at-limit";
        throw error;
      }
    };
    const leave = (member: string, container: string): Promise<AssignmentOutcome> =>
      inTransaction(pool, undefined, async (connection) => {
        if ((await affected(connection, "DELETE FROM counted_memberships WHERE member = ? AND container = ?", [member, container])) === 0) return "not-joined";
        await connection.query("UPDATE container_counters SET members = members - 1 WHERE id = ?", [container]);
        await connection.query("UPDATE member_counters SET containers = containers - 1 WHERE id = ?", [member]);
        return "left";
      });
    return {
      execute: ({ _tag, member, container }) => (_tag === "join" ? join(member, container) : leave(member, container)),
      snapshot: () => readPairs(direct, "counted_memberships"),
    };
  },
});
