import pg from "pg";
import { describe, expect, test } from "vitest";
import { openSession, type PostgresEnvironment } from "../../backends/postgres/index.js";
import { preemptionSource } from "../../engine/schedule/preemptions.js";
import { execute } from "../../engine/execute.js";
import { step } from "../../engine/step.js";
import { rowLocks } from "../../implementations/assignment/postgres/row-locks.js";
import { inTransaction } from "../../implementations/postgres/transaction.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand, AssignmentOutcome } from "../../model/assignment/types.js";
import { expectNothingLeftBehind, join, testDesignsOn } from "../support/session-checks.js";
import { fileSession, postgresUrl } from "./support.js";

const session = await fileSession();
const leave = (member: string, container: string): AssignmentCommand => ({ _tag: "leave", member, container });
const options = { timeLimitMs: 10_000, beginRun: session.beginRun, probe: session.probe };

const testDesign = testDesignsOn<PostgresEnvironment>("postgres");

const stepsOf = (timeline: ReadonlyArray<{ kind: string }>) => JSON.stringify(timeline);

describe("a PostgreSQL session", () => {
  test("an unreachable server gives one line naming the URL, without its password", async () => {
    const error = await openSession("postgres://someone:s3cret@127.0.0.1:1/nowhere").then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^PostgreSQL at postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nowhere: connect failed: .+/);
    expect(message).not.toContain("s3cret");
    expect(message).not.toContain("\n");
  });

  test("stopping drops the session's schema and everything in it", async () => {
    const own = await openSession(postgresUrl());
    await own.environment.direct.query("CREATE TABLE leftover (id int)");
    await own.stop();
    await own.stop();
    const observer = new pg.Client(postgresUrl());
    await observer.connect();
    try {
      const { rows } = await observer.query("SELECT nspname FROM pg_namespace WHERE nspname = $1", [own.schema]);
      expect(rows).toEqual([]);
    } finally {
      await observer.end();
    }
  });

  test("a COMMIT answered with ROLLBACK throws, with the SQLSTATE that failed the transaction", async () => {
    const client = await session.environment.pool.connect();
    try {
      await client.query("BEGIN");
      await expect(client.query("SELECT 1 / 0")).rejects.toMatchObject({ code: "22012" });
      await expect(client.query("COMMIT")).rejects.toMatchObject({
        code: "22012",
        message: expect.stringContaining("COMMIT was answered with ROLLBACK") as unknown,
      });
    } finally {
      client.release();
    }
  });

  test("a run that ends while a task holds a lock leaves nothing behind for the next run", async () => {
    const holdsALock = testDesign("holds-a-lock", async ({ pool, direct }) => {
      await direct.query("DROP TABLE IF EXISTS locked; CREATE TABLE locked (id int PRIMARY KEY); INSERT INTO locked VALUES (1)");
      return async ({ member }) => {
        if (member === "l1") {
          return inTransaction(pool, "BEGIN", async (client): Promise<AssignmentOutcome> => {
            await client.query("SELECT id FROM locked WHERE id = 1 FOR UPDATE");
            await client.query("SELECT 1");
            return "joined";
          });
        }
        await step("give up", () => undefined);
        throw new Error("gave up");
      };
    });
    await expectNothingLeftBehind(holdsALock, options);
  });

  test("lock waits are drawn and replayed identically", async () => {
    const program = { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s1")]] };
    // T1 holds both parent locks when T2 starts, so T2 waits at the socket's lock.
    const runs = [];
    for (let repeat = 0; repeat < 3; repeat++)
      runs.push(await execute(lampSocket, rowLocks, program, preemptionSource([[[{ step: 4, to: 0 }]], [[]]]), options));
    const [first] = runs;
    expect(first?.failure).toBeUndefined();
    const waits = first?.history.timeline.flatMap((event) =>
      event.kind === "step" && event.waitedFor !== undefined ? [[event.task, event.label, event.waitedFor]] : [],
    );
    expect(waits).toEqual([["T2", "SELECT id FROM containers WHERE id = 's1' FOR UPDATE", ["T1"]]]);
    expect(new Set(runs.map((run) => stepsOf(run.history.timeline))).size).toBe(1);
  });

  test("a deadlock is left to the server to break, and ends the same way every time", async () => {
    // Joins lock the lamp then the socket, leaves the socket then the lamp: a cycle, on purpose.
    const oppositeOrders = testDesign("opposite-lock-orders", async ({ pool, direct }) => {
      await direct.query(
        "DROP TABLE IF EXISTS lamps, sockets; CREATE TABLE lamps (id text PRIMARY KEY); CREATE TABLE sockets (id text PRIMARY KEY); INSERT INTO lamps VALUES ('l1'); INSERT INTO sockets VALUES ('s1')",
      );
      return async ({ _tag, member, container }) => {
        const order =
          _tag === "join"
            ? [`SELECT id FROM lamps WHERE id = '${member}' FOR UPDATE`, `SELECT id FROM sockets WHERE id = '${container}' FOR UPDATE`]
            : [`SELECT id FROM sockets WHERE id = '${container}' FOR UPDATE`, `SELECT id FROM lamps WHERE id = '${member}' FOR UPDATE`];
        try {
          return await inTransaction(pool, "BEGIN", async (client) => {
            for (const statement of order) await client.query(statement);
            return _tag === "join" ? "joined" : "left";
          });
        } catch {
          return _tag === "join" ? "container-full" : "not-joined";
        }
      };
    });
    const program = { prefix: [], branches: [[join("l1", "s1")], [leave("l1", "s1")]] };
    const timelines = new Set<string>();
    for (let repeat = 0; repeat < 3; repeat++) {
      const run = await execute(lampSocket, oppositeOrders, program, preemptionSource([[[{ step: 2, to: 0 }]], [[]]]), options);
      timelines.add(stepsOf(run.history.timeline));
      const victim = run.history.timeline.find((event) => event.kind === "step" && event.result?.includes("40P01") === true);
      expect(victim).toMatchObject({ task: "T2", label: "SELECT id FROM lamps WHERE id = 'l1' FOR UPDATE", waitedFor: ["T1"] });
    }
    expect(timelines.size).toBe(1);
  });
});
