import { describe, expect, test } from "vitest";
import type { MariadbEnvironment } from "../../backends/mariadb/index.js";
import { execute } from "../../engine/execute.js";
import { defineImplementation } from "../../engine/implementation.js";
import { preemptionSource } from "../../engine/schedule/preemptions.js";
import { step } from "../../engine/step.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";
import { fileSession } from "./support.js";

/**
 * mysql2's pool-level `query` gives its connection back when the server answers, but a statement
 * that waited for a lock reaches its task only after one more park ("↳ resumes after the wait").
 * A connection lent out in between would queue the borrower's statement behind a task the engine
 * does not resume until that borrower parks: the run hangs. In a generated run, whether the borrower
 * got that connection depended on which of two answers arrived last (the pool lends the latest
 * connection given back), so a correct design hung at one seed now and then and replayed cleanly.
 */

const session = await fileSession();
const join = (member: string, container: string): AssignmentCommand => ({ _tag: "join", member, container });

/**
 * l1 locks a row in a transaction and commits, keeping its connection, then sends a statement of
 * its own through the pool; l2 reads the row with a shared lock through the pool, so it waits for l1.
 * Both join their own socket and say so truthfully: the run has nothing to report but a hang.
 */
const lockThenBorrow = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, MariadbEnvironment>({
  family: "assignment",
  name: "lock-then-borrow",
  design: "lock then borrow",
  backend: "mariadb",
  claim: "linearizable",
  async create({ pool, direct }) {
    await direct.promise().query("DROP TABLE IF EXISTS locked");
    await direct.promise().query("CREATE TABLE locked (id int PRIMARY KEY)");
    await direct.promise().query("INSERT INTO locked VALUES (1)");
    const joined: Array<readonly [string, string]> = [];
    const db = pool.promise();
    return {
      async execute({ member, container }) {
        if (member === "l1") {
          const connection = await db.getConnection();
          try {
            await connection.query("START TRANSACTION");
            await connection.query("SELECT id FROM locked WHERE id = 1 FOR UPDATE");
            await connection.query("COMMIT");
            // Parks with the connection still held: l2's is then the one the pool gave back last.
            await step("between", () => undefined);
            await db.query("SELECT 1 AS one");
          } finally {
            connection.release();
          }
        } else await db.query("SELECT id FROM locked WHERE id = 1 LOCK IN SHARE MODE");
        joined.push([member, container]);
        return "joined";
      },
      snapshot: () => ({ memberSide: [...joined], containerSide: [...joined] }),
    };
  },
});

describe("a connection of the gated pool", () => {
  test("goes back to the pool only once its task has taken the answer, so a statement that waited never holds up another task", async () => {
    // T1 is preempted before its COMMIT: T2's shared lock waits for T1's row lock, then T1 goes on alone.
    const schedule = preemptionSource([[[{ step: 2, to: 0 }]], [[]]]);
    const run = await execute(lampSocket, lockThenBorrow, { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s2")]] }, schedule, {
      timeLimitMs: 3_000,
      beginRun: session.beginRun,
      probe: session.probe,
    });
    expect(run.failure).toBeUndefined();
    const steps = run.history.timeline.flatMap((event) =>
      event.kind === "step" ? [`${event.task} ${event.label}${event.waitedFor === undefined ? "" : ` ⏳ ${event.waitedFor.join(",")}`}`] : [],
    );
    expect(steps).toEqual([
      "T1 START TRANSACTION",
      "T1 SELECT id FROM locked WHERE id = 1 FOR UPDATE",
      "T2 SELECT id FROM locked WHERE id = 1 LOCK IN SHARE MODE ⏳ T1",
      "T1 COMMIT",
      "T1 between",
      "T1 SELECT 1 AS one",
      "T2 ↳ resumes after the wait",
    ]);
  });
});
