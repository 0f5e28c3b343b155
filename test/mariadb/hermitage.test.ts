import { describe, test } from "vitest";
import type { MariadbEnvironment } from "../../backends/mariadb/index.js";
import { hermitageCheck, hermitageSessions, T1, T2 } from "../support/hermitage.js";
import { fileSession } from "./support.js";

/**
 * The driver checked against Hermitage (github.com/ept/hermitage, mysql.md): its lost-update (P4),
 * read-skew (G-single) and write-skew (G2-item) sequences, sent statement by statement through the
 * gated pool under the engine's control, must show InnoDB's published behaviour at each isolation
 * level. READ COMMITTED and REPEATABLE READ prevent neither P4 nor G2-item (PostgreSQL's REPEATABLE
 * READ prevents P4 with 40001); SERIALIZABLE prevents both by locking: plain reads take shared
 * locks, the writers block each other, and InnoDB breaks the cycle at once with 1213.
 */

const session = await fileSession();

const sessions = hermitageSessions<MariadbEnvironment>("mariadb", async ({ pool, direct }) => {
  const setup = direct.promise();
  await setup.query("DROP TABLE IF EXISTS test");
  await setup.query("CREATE TABLE test (id int PRIMARY KEY, value int) ENGINE=InnoDB");
  await setup.query("INSERT INTO test (id, value) VALUES (1, 10), (2, 20)");
  return async (statements) => {
    const connection = await pool.promise().getConnection();
    try {
      // Like Hermitage's manual protocol: an error does not stop the session's script.
      for (const statement of statements) await connection.query(statement).catch(() => undefined);
    } finally {
      connection.release();
    }
  };
});

const check = hermitageCheck(session, sessions, async () => {
  const [rows] = await session.environment.direct.promise().query("SELECT id, value FROM test ORDER BY id");
  return rows as Array<{ id: number; value: number }>;
});

const LEVELS = ["READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"] as const;
const begin = (level: string) => [`SET TRANSACTION ISOLATION LEVEL ${level}`, "START TRANSACTION"];
/** The timeline of `begin(level)` in T1, then in T2: how every case here opens. */
const bothBegin = (level: string) =>
  ["T1", "T2"].flatMap((task) => [`${task} SET TRANSACTION ISOLATION LEVEL ${level} → SET`, `${task} START TRANSACTION → START`]);
const AUTOCOMMIT = "⚠ autocommit: 1213 ER_LOCK_DEADLOCK rolled the transaction back";
/**
 * How SERIALIZABLE ends P4 and G2-item: both reads took shared locks, so T1's update waits for T2's,
 * T2's update closes the cycle, and InnoDB rolls T2 back at once; T2's COMMIT then runs in autocommit.
 */
const deadlockedWriters = (t1Update: string, t2Update: string) => [
  `T1 ${t1Update} → UPDATE 1 ⏳ T2`,
  `T2 ${t2Update} → ✗ 1213 ER_LOCK_DEADLOCK`,
  "T1 ↳ resumes after the wait → ",
  `T2 COMMIT → COMMIT ${AUTOCOMMIT}`,
  "T1 COMMIT → COMMIT",
];

describe("Hermitage through the gated driver", () => {
  test.each(LEVELS)("P4 lost update at %s", async (level) => {
    const update = "UPDATE test SET value = 11 WHERE id = 1";
    const transaction = [...begin(level), "SELECT * FROM test WHERE id = 1", update, "COMMIT"];
    const opening = [...bothBegin(level), "T1 SELECT * FROM test WHERE id = 1 → (1, 10)", "T2 SELECT * FROM test WHERE id = 1 → (1, 10)"];
    await check({
      t1: transaction,
      t2: transaction,
      script: [T1, T1, T2, T2, T1, T2, T1, T2, T1, T2],
      steps:
        level === "SERIALIZABLE"
          ? [...opening, ...deadlockedWriters(update, update)]
          : [
              ...opening,
              `T1 ${update} → UPDATE 1`,
              // T2 blocks on T1's row lock, then overwrites T1's committed write: no 40001, unlike PostgreSQL's REPEATABLE READ.
              `T2 ${update} → UPDATE 1 ⏳ T1`,
              "T1 COMMIT → COMMIT",
              "T2 ↳ resumes after the wait → ",
              "T2 COMMIT → COMMIT",
            ],
      table: ["1 => 11", "2 => 20"],
    });
  });

  test.each(LEVELS)("G-single read skew at %s", async (level) => {
    const opening = [...bothBegin(level), "T1 SELECT * FROM test WHERE id = 1 → (1, 10)", "T2 SELECT * FROM test → (1, 10) (2, 20)"];
    await check({
      t1: [...begin(level), "SELECT * FROM test WHERE id = 1", "SELECT * FROM test WHERE id = 2", "COMMIT"],
      t2: [...begin(level), "SELECT * FROM test", "UPDATE test SET value = 12 WHERE id = 1", "UPDATE test SET value = 18 WHERE id = 2", "COMMIT"],
      script: [T1, T1, T2, T2, T1, T2, T2, T2, T2, T1, T1],
      steps:
        level === "SERIALIZABLE"
          ? [
              ...opening,
              // T1's read holds a shared lock on row 1: T2 waits until T1 commits, so T1 reads 2 before T2 writes it.
              "T2 UPDATE test SET value = 12 WHERE id = 1 → UPDATE 1 ⏳ T1",
              "T1 SELECT * FROM test WHERE id = 2 → (2, 20)",
              "T1 COMMIT → COMMIT",
              "T2 ↳ resumes after the wait → ",
              "T2 UPDATE test SET value = 18 WHERE id = 2 → UPDATE 1",
              "T2 COMMIT → COMMIT",
            ]
          : [
              ...opening,
              "T2 UPDATE test SET value = 12 WHERE id = 1 → UPDATE 1",
              "T2 UPDATE test SET value = 18 WHERE id = 2 → UPDATE 1",
              "T2 COMMIT → COMMIT",
              // READ COMMITTED shows T2's write to 2 after T1 read 1 before T2's write: read skew. REPEATABLE READ
              // keeps T1's snapshot (Hermitage: prevented in a read-only transaction).
              `T1 SELECT * FROM test WHERE id = 2 → ${level === "READ COMMITTED" ? "(2, 18)" : "(2, 20)"}`,
              "T1 COMMIT → COMMIT",
            ],
      table: ["1 => 12", "2 => 18"],
    });
  });

  test.each(LEVELS)("G2-item write skew at %s", async (level) => {
    const read = "SELECT * FROM test WHERE id IN (1, 2)";
    const t1Update = "UPDATE test SET value = 11 WHERE id = 1";
    const t2Update = "UPDATE test SET value = 21 WHERE id = 2";
    const opening = [...bothBegin(level), `T1 ${read} → (1, 10) (2, 20)`, `T2 ${read} → (1, 10) (2, 20)`];
    await check({
      t1: [...begin(level), read, t1Update, "COMMIT"],
      t2: [...begin(level), read, t2Update, "COMMIT"],
      script: [T1, T1, T2, T2, T1, T2, T1, T2, T1, T2],
      steps:
        level === "SERIALIZABLE"
          ? [...opening, ...deadlockedWriters(t1Update, t2Update)]
          : [...opening, `T1 ${t1Update} → UPDATE 1`, `T2 ${t2Update} → UPDATE 1`, "T1 COMMIT → COMMIT", "T2 COMMIT → COMMIT"],
      table: level === "SERIALIZABLE" ? ["1 => 11", "2 => 20"] : ["1 => 11", "2 => 21"],
    });
  });
});

describe("InnoDB's locking reads, through the gated driver", () => {
  test("at REPEATABLE READ a locking read sees the latest committed row, which the snapshot does not", async () => {
    await check({
      t1: [
        ...begin("REPEATABLE READ"),
        "SELECT value FROM test WHERE id = 1",
        "SELECT value FROM test WHERE id = 1",
        "SELECT value FROM test WHERE id = 1 FOR UPDATE",
        "COMMIT",
      ],
      t2: ["UPDATE test SET value = 99 WHERE id = 1"],
      script: [T1, T1, T1, T2, T1, T1, T1],
      steps: [
        "T1 SET TRANSACTION ISOLATION LEVEL REPEATABLE READ → SET",
        "T1 START TRANSACTION → START",
        "T1 SELECT value FROM test WHERE id = 1 → 10",
        "T2 UPDATE test SET value = 99 WHERE id = 1 → UPDATE 1",
        "T1 SELECT value FROM test WHERE id = 1 → 10",
        "T1 SELECT value FROM test WHERE id = 1 FOR UPDATE → 99",
        "T1 COMMIT → COMMIT",
      ],
    });
  });

  test.each(["READ COMMITTED", "REPEATABLE READ"] as const)("SELECT … FOR UPDATE of a missing row at %s: a gap lock only at REPEATABLE READ", async (level) => {
    const opening = [
      `T1 SET TRANSACTION ISOLATION LEVEL ${level} → SET`,
      "T1 START TRANSACTION → START",
      "T1 SELECT * FROM test WHERE id = 5 FOR UPDATE → 0 rows",
      `T2 SET TRANSACTION ISOLATION LEVEL ${level} → SET`,
      "T2 START TRANSACTION → START",
    ];
    await check({
      t1: [...begin(level), "SELECT * FROM test WHERE id = 5 FOR UPDATE", "COMMIT"],
      t2: [...begin(level), "INSERT INTO test (id, value) VALUES (7, 70)", "COMMIT"],
      script: [T1, T1, T1, T2, T2, T2, T1, T2, T2],
      steps:
        level === "REPEATABLE READ"
          ? [
              ...opening,
              "T2 INSERT INTO test (id, value) VALUES (7, 70) → INSERT 1 ⏳ T1",
              "T1 COMMIT → COMMIT",
              "T2 ↳ resumes after the wait → ",
              "T2 COMMIT → COMMIT",
            ]
          : [...opening, "T2 INSERT INTO test (id, value) VALUES (7, 70) → INSERT 1", "T1 COMMIT → COMMIT", "T2 COMMIT → COMMIT"],
      table: ["1 => 10", "2 => 20", "7 => 70"],
    });
  });
});

describe("innodb_snapshot_isolation (MariaDB 10.6.18+, 10.11.8+; ON by default from 11.6.2)", () => {
  test("P4 at REPEATABLE READ: the second writer fails with 1020 instead of overwriting", async () => {
    const transaction = [
      "SET SESSION innodb_snapshot_isolation = ON",
      ...begin("REPEATABLE READ"),
      "SELECT * FROM test WHERE id = 1",
      "UPDATE test SET value = 11 WHERE id = 1",
      "COMMIT",
      // The pool's connections outlive the test: leave them as the server's default has them.
      "SET SESSION innodb_snapshot_isolation = DEFAULT",
    ];
    await check({
      t1: transaction,
      t2: transaction,
      script: [T1, T1, T1, T2, T2, T2, T1, T2, T1, T2, T2, T1, T2, T2],
      steps: [
        "T1 SET SESSION innodb_snapshot_isolation = ON → SET",
        "T1 SET TRANSACTION ISOLATION LEVEL REPEATABLE READ → SET",
        "T1 START TRANSACTION → START",
        "T2 SET SESSION innodb_snapshot_isolation = ON → SET",
        "T2 SET TRANSACTION ISOLATION LEVEL REPEATABLE READ → SET",
        "T2 START TRANSACTION → START",
        "T1 SELECT * FROM test WHERE id = 1 → (1, 10)",
        "T2 SELECT * FROM test WHERE id = 1 → (1, 10)",
        "T1 UPDATE test SET value = 11 WHERE id = 1 → UPDATE 1",
        // Retry logic keyed on SQLSTATE 40001 misses it: 1020's SQLSTATE is HY000.
        "T2 UPDATE test SET value = 11 WHERE id = 1 → ✗ 1020 ER_CHECKREAD ⏳ T1",
        "T1 COMMIT → COMMIT",
        "T1 SET SESSION innodb_snapshot_isolation = DEFAULT → SET",
        "T2 ↳ resumes after the wait → ",
        "T2 COMMIT → COMMIT ⚠ autocommit: 1020 ER_CHECKREAD rolled the transaction back",
        "T2 SET SESSION innodb_snapshot_isolation = DEFAULT → SET",
      ],
      table: ["1 => 11", "2 => 20"],
    });
  });
});
