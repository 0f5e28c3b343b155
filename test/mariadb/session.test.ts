import { Kysely, MysqlDialect } from "kysely";
import mysql from "mysql2/promise";
import { describe, expect, test } from "vitest";
import { type MariadbEnvironment, openSession } from "../../backends/mariadb/index.js";
import { serverOptions } from "../../backends/mariadb/connection.js";
import { execute } from "../../engine/execute.js";
import { preemptionSource } from "../../engine/schedule/preemptions.js";
import { step } from "../../engine/step.js";
import { inTransaction } from "../../implementations/mariadb/transaction.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import type { AssignmentOutcome } from "../../model/assignment/types.js";
import { expectNothingLeftBehind, join, testDesignsOn } from "../support/session-checks.js";
import { fileSession, mariadbUrl } from "./support.js";

const session = await fileSession();
const options = { timeLimitMs: 10_000, beginRun: session.beginRun, probe: session.probe };
const alone = () => preemptionSource([[[]], [[]]]);

const testDesign = testDesignsOn<MariadbEnvironment>("mariadb");

const stepsOf = (timeline: ReadonlyArray<{ readonly kind: string; readonly task: string; readonly label?: string; readonly result?: string }>) =>
  timeline.flatMap((event) => (event.kind === "step" ? [`${event.task} ${event.label ?? ""} → ${event.result ?? ""}`] : []));

const withServer = async <T>(work: (connection: mysql.Connection) => Promise<T>): Promise<T> => {
  const connection = await mysql.createConnection(serverOptions(mariadbUrl()));
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
};
const databases = () =>
  withServer(async (connection) => (await connection.query<mysql.RowDataPacket[]>("SHOW DATABASES"))[0].map((row) => String(row.Database)));

describe("a MariaDB session", () => {
  test("an unreachable server gives one line naming the URL, without its password", async () => {
    const error = await openSession("mysql://someone:s3cret@127.0.0.1:1/").then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^MariaDB at mysql:\/\/someone:\*\*\*@127\.0\.0\.1:1\/: connect failed: .+/);
    expect(message).not.toContain("s3cret");
    expect(message).not.toContain("\n");
  });

  test("the description names the server, its default isolation and innodb_snapshot_isolation", () => {
    expect(session.description).toMatch(
      /^.*MariaDB \d+\.\d+\.\d+ \(default isolation REPEATABLE-READ, innodb_snapshot_isolation (ON|OFF|absent)\) on .+, database invariant_lab_[0-9a-f]{12}$/,
    );
  });

  test("stopping drops the session's database and everything in it, and nothing else", async () => {
    const own = await openSession(mariadbUrl());
    await own.environment.direct.promise().query("CREATE TABLE leftover (id int)");
    const others = (await databases()).filter((name) => !name.startsWith("invariant_lab_"));
    expect(await databases()).toContain(own.database);
    await own.stop();
    await own.stop();
    const after = await databases();
    expect(after).not.toContain(own.database);
    expect(after.filter((name) => !name.startsWith("invariant_lab_"))).toEqual(others);
  });

  test("a run lends the pools to one run at a time", async () => {
    const lease = await session.beginRun();
    await expect(session.beginRun()).rejects.toThrow(/cannot overlap/);
    await lease.release();
    await lease.release();
    const next = await session.beginRun();
    expect(next.environment).toEqual({ pool: session.environment.pool, direct: session.environment.direct });
    await next.release();
  });

  test("prepared statements and Kysely's streams pass the gate, labelled with their parameters", async () => {
    const both = testDesign("prepared-and-streamed", async ({ pool, direct }) => {
      await direct.promise().query("DROP TABLE IF EXISTS numbers");
      await direct.promise().query("CREATE TABLE numbers (n int PRIMARY KEY)");
      await direct.promise().query("INSERT INTO numbers VALUES (1), (2), (3)");
      const db = new Kysely<{ numbers: { n: number } }>({ dialect: new MysqlDialect({ pool }) });
      return async ({ member }) => {
        if (member === "l1") {
          await pool.promise().execute("SELECT n FROM numbers WHERE n > ? ORDER BY n", [1]);
          return "joined";
        }
        const streamed: number[] = [];
        for await (const row of db.selectFrom("numbers").select("n").where("n", "<", 3).orderBy("n").stream()) streamed.push(row.n);
        return streamed.join(",") === "1,2" ? "joined" : "container-full";
      };
    });
    const run = await execute(lampSocket, both, { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s2")]] }, alone(), options);
    // The test design stores nothing, so the model disagrees with it; only a thrown error would matter here.
    expect(run.failure?.kind).not.toBe("threw");
    expect(run.history.operations.map((operation) => operation.outcome)).toEqual(["joined", "joined"]);
    expect(stepsOf(run.history.timeline)).toEqual([
      "T1 SELECT n FROM numbers WHERE n > 1 ORDER BY n → 2 3",
      "T2 select `n` from `numbers` where `n` < 3 order by `n` → OK",
    ]);
  });

  test("after a deadlock, the session's next statements run in autocommit, and the timeline says so", async () => {
    // Joins lock the lamp then the socket, the other command the socket then the lamp: a cycle, on purpose.
    const oppositeOrders = testDesign("opposite-lock-orders", async ({ pool, direct }) => {
      const setup = direct.promise();
      for (const statement of [
        "DROP TABLE IF EXISTS lamps, sockets",
        "CREATE TABLE lamps (id varchar(20) PRIMARY KEY, n int)",
        "CREATE TABLE sockets (id varchar(20) PRIMARY KEY)",
        "INSERT INTO lamps VALUES ('l1', 0)",
        "INSERT INTO sockets VALUES ('s1')",
      ]) {
        await setup.query(statement);
      }
      return async ({ member }) => {
        const order =
          member === "l1"
            ? ["SELECT id FROM lamps WHERE id = 'l1' FOR UPDATE", "SELECT id FROM sockets WHERE id = 's1' FOR UPDATE"]
            : ["SELECT id FROM sockets WHERE id = 's1' FOR UPDATE", "SELECT id FROM lamps WHERE id = 'l1' FOR UPDATE"];
        const connection = await pool.promise().getConnection();
        try {
          await connection.query("START TRANSACTION");
          // Like code that swallows errors: after 1213 the UPDATE runs on its own, and COMMIT answers OK.
          for (const statement of order) await connection.query(statement).catch(() => undefined);
          await connection.query("UPDATE lamps SET n = n + 1 WHERE id = 'l1'");
          await connection.query("COMMIT");
        } finally {
          connection.release();
        }
        return "joined";
      };
    });
    const program = { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s1")]] };
    const timelines = new Set<string>();
    for (let repeat = 0; repeat < 3; repeat++) {
      const run = await execute(lampSocket, oppositeOrders, program, preemptionSource([[[{ step: 2, to: 0 }]], [[]]]), options);
      expect(run.failure?.kind).not.toBe("threw");
      timelines.add(JSON.stringify(run.history.timeline));
      const steps = stepsOf(run.history.timeline);
      const victim = steps.findIndex((line) => line.includes("1213 ER_LOCK_DEADLOCK"));
      expect(victim).toBeGreaterThan(0);
      const task = steps[victim]?.slice(0, 2) ?? "";
      const after = steps.slice(victim + 1).filter((line) => line.startsWith(task) && !line.includes("↳"));
      expect(after).toEqual([
        `${task} UPDATE lamps SET n = n + 1 WHERE id = 'l1' → UPDATE 1 ⚠ autocommit: 1213 ER_LOCK_DEADLOCK rolled the transaction back`,
        `${task} COMMIT → COMMIT ⚠ autocommit: 1213 ER_LOCK_DEADLOCK rolled the transaction back`,
      ]);
    }
    expect(timelines.size).toBe(1);
  });

  test("a run that ends while a task holds a lock leaves nothing behind for the next run", async () => {
    const holdsALock = testDesign("holds-a-lock", async ({ pool, direct }) => {
      await direct.promise().query("DROP TABLE IF EXISTS locked");
      await direct.promise().query("CREATE TABLE locked (id int PRIMARY KEY)");
      await direct.promise().query("INSERT INTO locked VALUES (1)");
      return async ({ member }) => {
        if (member === "l1") {
          return inTransaction(pool, undefined, async (connection): Promise<AssignmentOutcome> => {
            await connection.query("SELECT id FROM locked WHERE id = 1 FOR UPDATE");
            await connection.query("SELECT 1");
            return "joined";
          });
        }
        await step("give up", () => undefined);
        throw new Error("gave up");
      };
    });
    await expectNothingLeftBehind(holdsALock, options);
  });
});
