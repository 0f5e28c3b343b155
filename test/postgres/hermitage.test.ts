import { describe, test } from "vitest";
import type { PostgresEnvironment } from "../../backends/postgres/index.js";
import { hermitageCheck, hermitageSessions, T1, T2 } from "../support/hermitage.js";
import { fileSession } from "./support.js";

/**
 * The driver checked against Hermitage (github.com/ept/hermitage, postgres.md): its lost-update
 * (P4) and write-skew (G2-item) sequences, sent statement by statement through the gated pool
 * under the engine's control, must show PostgreSQL's published behaviour at each isolation level:
 * which statement waits for which session, which one fails with 40001, and what is committed.
 */

const session = await fileSession();

const sessions = hermitageSessions<PostgresEnvironment>("postgres", async ({ pool, direct }) => {
  await direct.query("DROP TABLE IF EXISTS test; CREATE TABLE test (id int PRIMARY KEY, value int); INSERT INTO test (id, value) VALUES (1, 10), (2, 20)");
  return async (statements) => {
    const client = await pool.connect();
    try {
      // Like Hermitage's manual protocol: an error does not stop the session's script.
      for (const statement of statements) await client.query(statement).catch(() => undefined);
    } finally {
      client.release();
    }
  };
});

const check = hermitageCheck(
  session,
  sessions,
  async () => (await session.environment.direct.query<{ id: number; value: number }>("SELECT id, value FROM test ORDER BY id")).rows,
);

const LEVELS = ["read committed", "repeatable read", "serializable"] as const;

describe("Hermitage through the gated driver", () => {
  test.each(LEVELS)("P4 lost update at %s", async (level) => {
    const transaction = [`begin transaction isolation level ${level}`, "select * from test where id = 1", "update test set value = 11 where id = 1", "commit"];
    const prevented = level !== "read committed";
    await check({
      t1: transaction,
      t2: transaction,
      script: [T1, T2, T1, T2, T1, T2, T1, T2, T2],
      steps: [
        `T1 begin transaction isolation level ${level} → BEGIN`,
        `T2 begin transaction isolation level ${level} → BEGIN`,
        "T1 select * from test where id = 1 → (1, 10)",
        "T2 select * from test where id = 1 → (1, 10)",
        "T1 update test set value = 11 where id = 1 → UPDATE 1",
        // T2 blocks on T1's row lock; T1's commit releases it.
        `T2 update test set value = 11 where id = 1 → ${prevented ? "✗ 40001 serialization_failure" : "UPDATE 1"} ⏳ T1`,
        "T1 commit → COMMIT",
        "T2 ↳ resumes after the wait → ",
        `T2 commit → ${prevented ? "✗ ROLLBACK (failed earlier with 40001 serialization_failure)" : "COMMIT"}`,
      ],
      // Read committed: T2 overwrites T1's increment (both wrote 11 over 10). Otherwise only T1's update stays.
      table: ["1 => 11", "2 => 20"],
    });
  });

  test.each(LEVELS)("G2-item write skew at %s", async (level) => {
    const read = "select * from test where id in (1,2)";
    const prevented = level === "serializable";
    await check({
      t1: [`begin transaction isolation level ${level}`, read, "update test set value = 11 where id = 1", "commit"],
      t2: [`begin transaction isolation level ${level}`, read, "update test set value = 21 where id = 2", "commit"],
      script: [T1, T2, T1, T2, T1, T2, T1, T2],
      steps: [
        `T1 begin transaction isolation level ${level} → BEGIN`,
        `T2 begin transaction isolation level ${level} → BEGIN`,
        `T1 ${read} → (1, 10) (2, 20)`,
        `T2 ${read} → (1, 10) (2, 20)`,
        "T1 update test set value = 11 where id = 1 → UPDATE 1",
        "T2 update test set value = 21 where id = 2 → UPDATE 1",
        "T1 commit → COMMIT",
        `T2 commit → ${prevented ? "✗ 40001 serialization_failure" : "COMMIT"}`,
      ],
      table: prevented ? ["1 => 11", "2 => 20"] : ["1 => 11", "2 => 21"],
    });
  });
});
