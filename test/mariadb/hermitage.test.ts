import { Schema } from "effect";
import { describe, expect, test } from "vitest";
import type { MariadbEnvironment } from "../../backends/mariadb/index.js";
import type { DecisionSource } from "../../engine/schedule/decision-source.js";
import { type Execution, execute } from "../../engine/execute.js";
import { defineImplementation } from "../../engine/implementation.js";
import type { Scenario } from "../../engine/reference-model.js";
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

const Transaction = Schema.Struct({ statements: Schema.Array(Schema.String) });
type Transaction = typeof Transaction.Type;

/** Every statement's answer is in the timeline; the model only has to accept that the transaction ran. */
const hermitage: Scenario<null, null, Transaction, "done", object> = {
  name: "hermitage",
  summary: "Hermitage's two-session test sequences",
  config: null,
  model: {
    family: "hermitage",
    command: Transaction,
    outcomeOf: () => Schema.Literal("done"),
    snapshot: Schema.Struct({}),
    normalize: (snapshot) => snapshot,
    initial: () => null,
    step: () => ({ outcome: "done", state: null }),
    observe: () => ({}),
    invariants: [],
    describe: (transaction) => `${transaction.statements.length} statements`,
  },
};

const sessions = defineImplementation<null, Transaction, "done", object, MariadbEnvironment>({
  family: "hermitage",
  name: "hermitage-sessions",
  design: "one connection per Hermitage session",
  backend: "mariadb",
  claim: "linearizable",
  async create({ pool, direct }) {
    const setup = direct.promise();
    await setup.query("DROP TABLE IF EXISTS test");
    await setup.query("CREATE TABLE test (id int PRIMARY KEY, value int) ENGINE=InnoDB");
    await setup.query("INSERT INTO test (id, value) VALUES (1, 10), (2, 20)");
    return {
      async execute({ statements }) {
        const connection = await pool.promise().getConnection();
        try {
          // Like Hermitage's manual protocol: an error does not stop the session's script.
          for (const statement of statements) await connection.query(statement).catch(() => undefined);
        } finally {
          connection.release();
        }
        return "done";
      },
      snapshot: () => ({}),
    };
  },
});

/** Releases the tasks in the order of `script` (0 for T1); releases the engine forces count too. */
const scripted = (script: ReadonlyArray<number>): DecisionSource => ({
  next: (enabled, _last, positions) => {
    const wanted = script[positions.reduce((released, position) => released + position.step, 0)] ?? -1;
    return enabled.includes(wanted) ? wanted : (enabled[0] as number);
  },
});

const run = async (t1: ReadonlyArray<string>, t2: ReadonlyArray<string>, script: ReadonlyArray<number>) => {
  const execution: Execution<Transaction, "done"> = await execute(
    hermitage,
    sessions,
    { prefix: [], branches: [[{ statements: t1 }], [{ statements: t2 }]] },
    scripted(script),
    { timeLimitMs: 10_000, beginRun: session.beginRun, probe: session.probe },
  );
  const [rows] = await session.environment.direct.promise().query("SELECT id, value FROM test ORDER BY id");
  const steps = execution.history.timeline.flatMap((event) =>
    event.kind === "step"
      ? [`${event.task} ${event.label} → ${event.result ?? ""}${event.waitedFor === undefined ? "" : ` ⏳ ${event.waitedFor.join(",")}`}`]
      : [],
  );
  return { failure: execution.failure, steps, table: (rows as Array<{ id: number; value: number }>).map(({ id, value }) => `${id} => ${value}`) };
};

const LEVELS = ["READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"] as const;
const T1 = 0;
const T2 = 1;
const begin = (level: string) => [`SET TRANSACTION ISOLATION LEVEL ${level}`, "START TRANSACTION"];
/** The timeline of `begin(level)` in T1, then in T2: how every case here opens. */
const bothBegin = (level: string) =>
  ["T1", "T2"].flatMap((task) => [`${task} SET TRANSACTION ISOLATION LEVEL ${level} → SET`, `${task} START TRANSACTION → START`]);
const AUTOCOMMIT = "⚠ autocommit: 1213 ER_LOCK_DEADLOCK rolled the transaction back";

describe("Hermitage through the gated driver", () => {
  test.each(LEVELS)("P4 lost update at %s", async (level) => {
    const transaction = [...begin(level), "SELECT * FROM test WHERE id = 1", "UPDATE test SET value = 11 WHERE id = 1", "COMMIT"];
    const { failure, steps, table } = await run(transaction, transaction, [T1, T1, T2, T2, T1, T2, T1, T2, T1, T2]);
    expect(failure).toBeUndefined();
    const opening = [...bothBegin(level), "T1 SELECT * FROM test WHERE id = 1 → (1, 10)", "T2 SELECT * FROM test WHERE id = 1 → (1, 10)"];
    if (level === "SERIALIZABLE") {
      expect(steps).toEqual([
        ...opening,
        // Both reads took shared locks: T1 waits for T2's, and T2's update closes the cycle.
        "T1 UPDATE test SET value = 11 WHERE id = 1 → UPDATE 1 ⏳ T2",
        "T2 UPDATE test SET value = 11 WHERE id = 1 → ✗ 1213 ER_LOCK_DEADLOCK",
        "T1 ↳ resumes after the wait → ",
        `T2 COMMIT → COMMIT ${AUTOCOMMIT}`,
        "T1 COMMIT → COMMIT",
      ]);
    } else {
      expect(steps).toEqual([
        ...opening,
        "T1 UPDATE test SET value = 11 WHERE id = 1 → UPDATE 1",
        // T2 blocks on T1's row lock, then overwrites T1's committed write: no 40001, unlike PostgreSQL's REPEATABLE READ.
        "T2 UPDATE test SET value = 11 WHERE id = 1 → UPDATE 1 ⏳ T1",
        "T1 COMMIT → COMMIT",
        "T2 ↳ resumes after the wait → ",
        "T2 COMMIT → COMMIT",
      ]);
    }
    expect(table).toEqual(["1 => 11", "2 => 20"]);
  });

  test.each(LEVELS)("G-single read skew at %s", async (level) => {
    const t1 = [...begin(level), "SELECT * FROM test WHERE id = 1", "SELECT * FROM test WHERE id = 2", "COMMIT"];
    const t2 = [...begin(level), "SELECT * FROM test", "UPDATE test SET value = 12 WHERE id = 1", "UPDATE test SET value = 18 WHERE id = 2", "COMMIT"];
    const { failure, steps, table } = await run(t1, t2, [T1, T1, T2, T2, T1, T2, T2, T2, T2, T1, T1]);
    expect(failure).toBeUndefined();
    const opening = [...bothBegin(level), "T1 SELECT * FROM test WHERE id = 1 → (1, 10)", "T2 SELECT * FROM test → (1, 10) (2, 20)"];
    if (level === "SERIALIZABLE") {
      expect(steps).toEqual([
        ...opening,
        // T1's read holds a shared lock on row 1: T2 waits until T1 commits, so T1 reads 2 before T2 writes it.
        "T2 UPDATE test SET value = 12 WHERE id = 1 → UPDATE 1 ⏳ T1",
        "T1 SELECT * FROM test WHERE id = 2 → (2, 20)",
        "T1 COMMIT → COMMIT",
        "T2 ↳ resumes after the wait → ",
        "T2 UPDATE test SET value = 18 WHERE id = 2 → UPDATE 1",
        "T2 COMMIT → COMMIT",
      ]);
    } else {
      expect(steps).toEqual([
        ...opening,
        "T2 UPDATE test SET value = 12 WHERE id = 1 → UPDATE 1",
        "T2 UPDATE test SET value = 18 WHERE id = 2 → UPDATE 1",
        "T2 COMMIT → COMMIT",
        // READ COMMITTED shows T2's write to 2 after T1 read 1 before T2's write: read skew. REPEATABLE READ
        // keeps T1's snapshot (Hermitage: prevented in a read-only transaction).
        `T1 SELECT * FROM test WHERE id = 2 → ${level === "READ COMMITTED" ? "(2, 18)" : "(2, 20)"}`,
        "T1 COMMIT → COMMIT",
      ]);
    }
    expect(table).toEqual(["1 => 12", "2 => 18"]);
  });

  test.each(LEVELS)("G2-item write skew at %s", async (level) => {
    const read = "SELECT * FROM test WHERE id IN (1, 2)";
    const t1 = [...begin(level), read, "UPDATE test SET value = 11 WHERE id = 1", "COMMIT"];
    const t2 = [...begin(level), read, "UPDATE test SET value = 21 WHERE id = 2", "COMMIT"];
    const { failure, steps, table } = await run(t1, t2, [T1, T1, T2, T2, T1, T2, T1, T2, T1, T2]);
    expect(failure).toBeUndefined();
    const opening = [...bothBegin(level), `T1 ${read} → (1, 10) (2, 20)`, `T2 ${read} → (1, 10) (2, 20)`];
    if (level === "SERIALIZABLE") {
      expect(steps).toEqual([
        ...opening,
        "T1 UPDATE test SET value = 11 WHERE id = 1 → UPDATE 1 ⏳ T2",
        "T2 UPDATE test SET value = 21 WHERE id = 2 → ✗ 1213 ER_LOCK_DEADLOCK",
        "T1 ↳ resumes after the wait → ",
        `T2 COMMIT → COMMIT ${AUTOCOMMIT}`,
        "T1 COMMIT → COMMIT",
      ]);
    } else {
      expect(steps).toEqual([
        ...opening,
        "T1 UPDATE test SET value = 11 WHERE id = 1 → UPDATE 1",
        "T2 UPDATE test SET value = 21 WHERE id = 2 → UPDATE 1",
        "T1 COMMIT → COMMIT",
        "T2 COMMIT → COMMIT",
      ]);
    }
    expect(table).toEqual(level === "SERIALIZABLE" ? ["1 => 11", "2 => 20"] : ["1 => 11", "2 => 21"]);
  });
});

describe("InnoDB's locking reads, through the gated driver", () => {
  test("at REPEATABLE READ a locking read sees the latest committed row, which the snapshot does not", async () => {
    const t1 = [
      ...begin("REPEATABLE READ"),
      "SELECT value FROM test WHERE id = 1",
      "SELECT value FROM test WHERE id = 1",
      "SELECT value FROM test WHERE id = 1 FOR UPDATE",
      "COMMIT",
    ];
    const t2 = ["UPDATE test SET value = 99 WHERE id = 1"];
    const { failure, steps } = await run(t1, t2, [T1, T1, T1, T2, T1, T1, T1]);
    expect(failure).toBeUndefined();
    expect(steps).toEqual([
      "T1 SET TRANSACTION ISOLATION LEVEL REPEATABLE READ → SET",
      "T1 START TRANSACTION → START",
      "T1 SELECT value FROM test WHERE id = 1 → 10",
      "T2 UPDATE test SET value = 99 WHERE id = 1 → UPDATE 1",
      "T1 SELECT value FROM test WHERE id = 1 → 10",
      "T1 SELECT value FROM test WHERE id = 1 FOR UPDATE → 99",
      "T1 COMMIT → COMMIT",
    ]);
  });

  test.each(["READ COMMITTED", "REPEATABLE READ"] as const)("SELECT … FOR UPDATE of a missing row at %s: a gap lock only at REPEATABLE READ", async (level) => {
    const t1 = [...begin(level), "SELECT * FROM test WHERE id = 5 FOR UPDATE", "COMMIT"];
    const t2 = [...begin(level), "INSERT INTO test (id, value) VALUES (7, 70)", "COMMIT"];
    const { failure, steps, table } = await run(t1, t2, [T1, T1, T1, T2, T2, T2, T1, T2, T2]);
    expect(failure).toBeUndefined();
    const opening = [
      `T1 SET TRANSACTION ISOLATION LEVEL ${level} → SET`,
      "T1 START TRANSACTION → START",
      "T1 SELECT * FROM test WHERE id = 5 FOR UPDATE → 0 rows",
      `T2 SET TRANSACTION ISOLATION LEVEL ${level} → SET`,
      "T2 START TRANSACTION → START",
    ];
    expect(steps).toEqual(
      level === "REPEATABLE READ"
        ? [
            ...opening,
            "T2 INSERT INTO test (id, value) VALUES (7, 70) → INSERT 1 ⏳ T1",
            "T1 COMMIT → COMMIT",
            "T2 ↳ resumes after the wait → ",
            "T2 COMMIT → COMMIT",
          ]
        : [...opening, "T2 INSERT INTO test (id, value) VALUES (7, 70) → INSERT 1", "T1 COMMIT → COMMIT", "T2 COMMIT → COMMIT"],
    );
    expect(table).toEqual(["1 => 10", "2 => 20", "7 => 70"]);
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
    const { failure, steps, table } = await run(transaction, transaction, [T1, T1, T1, T2, T2, T2, T1, T2, T1, T2, T2, T1, T2, T2]);
    expect(failure).toBeUndefined();
    expect(steps).toEqual([
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
    ]);
    expect(table).toEqual(["1 => 11", "2 => 20"]);
  });
});
