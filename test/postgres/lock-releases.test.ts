import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, test } from "vitest";
import { GatedPools } from "../../backends/postgres/gated-pool.js";
import type { PostgresEnvironment } from "../../backends/postgres/index.js";
import { cannotRelease } from "../../backends/postgres/lock-releases.js";
import { execute } from "../../engine/execute.js";
import { defineImplementation } from "../../engine/implementation.js";
import { preemptionSource } from "../../engine/schedule/preemptions.js";
import { inTransaction } from "../../implementations/postgres/transaction.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";
import { fileSession, postgresUrl } from "./support.js";

describe("which statements may release a lock", () => {
  test("inside an open transaction, a statement that succeeds holds every lock unless it ends, rolls back or unlocks", () => {
    expect(cannotRelease("SELECT id FROM groups WHERE id = $1 FOR UPDATE", "T", 0)).toBe(true);
    expect(cannotRelease("UPDATE groups SET members = members + 1 WHERE id = $1", "T", 0)).toBe(true);
    expect(cannotRelease("BEGIN", "I", 0)).toBe(true);
    expect(cannotRelease("COMMIT", "T", 0)).toBe(false);
    expect(cannotRelease("ROLLBACK", "E", 0)).toBe(false);
    expect(cannotRelease("ROLLBACK TO SAVEPOINT before_insert", "T", 0)).toBe(false);
    expect(cannotRelease("SELECT pg_advisory_unlock($1)", "T", 0)).toBe(false);
    // Outside a transaction every statement is one, and ends it.
    expect(cannotRelease("SELECT id FROM groups WHERE id = $1", "I", 0)).toBe(false);
    expect(cannotRelease("UPDATE groups SET members = 0; COMMIT", "T", 0)).toBe(false);
  });
});

describe("the count of lock releases on a server", () => {
  const schema = `lock_releases_${randomBytes(4).toString("hex")}`;
  const pools = new GatedPools({ connectionString: postgresUrl(), max: 2 }, async () => undefined);
  afterAll(async () => {
    await pools.direct.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pools.end();
  });

  test("stands while a transaction's statements succeed, and moves when one fails, when it ends, and on direct", async () => {
    await pools.direct.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.groups (id text PRIMARY KEY, members int CHECK (members <= 1))`);
    await pools.direct.query(`INSERT INTO ${schema}.groups VALUES ('g1', 0)`);
    const client = await pools.pool.connect();
    const moved = async (statement: string): Promise<boolean> => {
      const before = pools.releases.version();
      await client.query(statement).catch(() => undefined);
      return pools.releases.version() !== before;
    };
    expect(await moved("BEGIN")).toBe(false);
    expect(await moved(`SELECT id FROM ${schema}.groups WHERE id = 'g1' FOR UPDATE`)).toBe(false);
    expect(await moved(`UPDATE ${schema}.groups SET members = members + 1 WHERE id = 'g1'`)).toBe(false);
    // The CHECK fails: the server aborts the transaction there and then, and its row lock goes.
    expect(await moved(`UPDATE ${schema}.groups SET members = members + 1 WHERE id = 'g1'`)).toBe(true);
    expect(await moved("ROLLBACK")).toBe(true);
    expect(await moved(`SELECT members FROM ${schema}.groups`)).toBe(true);
    const before = pools.releases.version();
    client.release();
    expect(pools.releases.version()).not.toBe(before);
    const read = pools.releases.version();
    await pools.direct.query(`SELECT members FROM ${schema}.groups`);
    expect(pools.releases.version()).not.toBe(read);
  });
});

/**
 * A command longer than the catalogue's, holding a lock it lets go of before its transaction ends:
 * an advisory lock taken, four statements that release nothing, the unlock, two more, COMMIT. A probe
 * that kept believing the other task still waits after the unlock would let the engine decide while
 * that task runs, and the timeline would depend on which answer comes first.
 */
const unlocksMidTransaction = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, PostgresEnvironment>({
  family: "assignment",
  name: "unlocks-mid-transaction",
  design: "advisory lock released before COMMIT",
  backend: "postgres",
  claim: "linearizable",
  async create({ pool }) {
    return {
      execute: () =>
        inTransaction(pool, "BEGIN", async (client) => {
          await client.query("SELECT pg_advisory_lock(7)");
          for (let statement = 0; statement < 4; statement++) await client.query("SELECT 1");
          await client.query("SELECT pg_advisory_unlock(7)");
          for (let statement = 0; statement < 2; statement++) await client.query("SELECT 1");
          return "joined" as const;
        }),
      snapshot: () => ({ memberSide: [], containerSide: [] }),
    };
  },
});

const session = await fileSession();

describe("a lock released before its transaction ends", () => {
  test("wakes the task that waited for it, which the engine can switch to at once: 20 runs of one schedule, one timeline", async () => {
    const options = { timeLimitMs: 10_000, beginRun: session.beginRun, probe: session.probe };
    const join = (member: string): AssignmentCommand => ({ _tag: "join", member, container: "s1" });
    const timelines = new Set<string>();
    const afterUnlock = new Set<string>();
    let waited: unknown;
    for (let run = 0; run < 20; run++) {
      // T1 takes the lock (steps 0 and 1), then T2 asks for it and waits while T1 goes on; right
      // after the unlock (step 6) T1 is preempted, and T2, its wait over, is the task to switch to.
      const schedule = preemptionSource([
        [
          [
            { step: 2, to: 0 },
            { step: 7, to: 0 },
          ],
        ],
        [[]],
      ]);
      const { history } = await execute(lampSocket, unlocksMidTransaction, { prefix: [], branches: [[join("l1")], [join("l2")]] }, schedule, options);
      timelines.add(JSON.stringify(history.timeline));
      waited = history.timeline.find((event) => event.kind === "step" && event.waitedFor !== undefined);
      const steps = history.timeline.filter((event) => event.kind === "step");
      const unlock = steps.findIndex((event) => event.label.includes("pg_advisory_unlock"));
      afterUnlock.add(steps[unlock + 1]?.task ?? "none");
    }
    expect(waited).toMatchObject({ task: "T2", label: expect.stringContaining("pg_advisory_lock") as unknown, waitedFor: ["T1"] });
    expect([...afterUnlock]).toEqual(["T2"]);
    expect(timelines.size).toBe(1);
  });
});
