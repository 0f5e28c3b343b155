import type { PostgresEnvironment } from "../../backends/postgres/environment.js";
import { defineImplementation } from "../../engine/implementation.js";
import { checkThenActIn, type PostgresAssignment } from "../../implementations/assignment/postgres/check-then-act.js";
import { lockedParents, memberships, readPairs } from "../../implementations/assignment/postgres/tables.js";
import { resetTables } from "../../implementations/postgres/table-definition.js";
import { inTransaction } from "../../implementations/postgres/transaction.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";
import type { ClassifiedMutant } from "./concurrency-mutants.js";

/** Statements that change nothing a command reads or writes, as designs put them after BEGIN. */
const HARMLESS = ["SET LOCAL application_name = 'invariant-lab audit'", "SET LOCAL search_path TO DEFAULT", "SELECT 1"];

/**
 * The correct row-lock design (implementations/assignment/postgres/row-locks.ts: parents upserted,
 * then `SELECT … FOR UPDATE` on the member and the container before the check-then-act) with some
 * of its locks removed and `statements` harmless statements after BEGIN, which put the race at
 * the sixth statement of the command or later.
 */
const rowLocksWith = (locks: ReadonlyArray<"member" | "container">, statements: number): PostgresAssignment => {
  const removed = locks.length === 0 ? "row locks removed" : `${locks.includes("member") ? "container" : "member"} lock removed`;
  const mistake = statements === 0 ? removed : `${removed}, ${statements} harmless statements after BEGIN`;
  return defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, PostgresEnvironment>({
    family: "assignment",
    name: `pg-row-locks~${mistake.replaceAll(/[ ,]+/g, "-")}`,
    design: `row locks (SELECT … FOR UPDATE), mutated: ${mistake}`,
    backend: "postgres",
    claim: "linearizable",
    async create({ config, pool, direct }) {
      await resetTables(direct, [...lockedParents, memberships]);
      return {
        async execute(command) {
          const { member, container } = command;
          await pool.query(
            "WITH new_member AS (INSERT INTO members (id) VALUES ($1) ON CONFLICT DO NOTHING) INSERT INTO containers (id) VALUES ($2) ON CONFLICT DO NOTHING",
            [member, container],
          );
          return inTransaction(pool, "BEGIN", async (client) => {
            for (let index = 0; index < statements; index++) await client.query(HARMLESS[index % HARMLESS.length] as string);
            if (locks.includes("member")) await client.query("SELECT id FROM members WHERE id = $1 FOR UPDATE", [member]);
            if (locks.includes("container")) await client.query("SELECT id FROM containers WHERE id = $1 FOR UPDATE", [container]);
            return checkThenActIn(client, config, command);
          });
        },
        snapshot: () => readPairs(direct, memberships.name),
      };
    },
  });
};

const classified = (mistakeClass: string, implementation: PostgresAssignment): ClassifiedMutant => ({
  mistakeClass,
  mistake: implementation.design,
  implementation,
});

/**
 * A few PostgreSQL mutants (each check costs seconds on a server), broken on `lamp-socket`: the
 * container's lock removed, and both locks removed behind two `SET LOCAL` or six harmless statements
 * after BEGIN, which put the race at the sixth statement of the command or later. With the default
 * strategy each is met within the backend's default runs on every seed tried (BENCHMARKS.md,
 * "Mutation testing"): over seeds 1 to 30 and 1000 to 30000 the container's lock took 1 to 149
 * runs (median 14), the others at most 34.
 */
export const postgresMutants: ReadonlyArray<ClassifiedMutant> = [
  classified("lock or version check removed", rowLocksWith(["member"], 0)),
  classified("2 harmless statements before the race", rowLocksWith([], 2)),
  classified("6 harmless statements before the race", rowLocksWith([], 6)),
];
