import { Schema } from "effect";
import { describe, expect, test } from "vitest";
import type { PostgresEnvironment } from "../../backends/postgres/index.js";
import type { DecisionSource } from "../../engine/schedule/decision-source.js";
import { type Execution, execute } from "../../engine/execute.js";
import { defineImplementation } from "../../engine/implementation.js";
import type { Scenario } from "../../engine/reference-model.js";
import { fileSession } from "./support.js";

/**
 * The driver checked against Hermitage (github.com/ept/hermitage, postgres.md): its lost-update
 * (P4) and write-skew (G2-item) sequences, sent statement by statement through the gated pool
 * under the engine's control, must show PostgreSQL's published behaviour at each isolation level:
 * which statement waits for which session, which one fails with 40001, and what is committed.
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

const sessions = defineImplementation<null, Transaction, "done", object, PostgresEnvironment>({
  family: "hermitage",
  name: "hermitage-sessions",
  design: "one connection per Hermitage session",
  backend: "postgres",
  claim: "linearizable",
  async create({ pool, direct }) {
    await direct.query("DROP TABLE IF EXISTS test; CREATE TABLE test (id int PRIMARY KEY, value int); INSERT INTO test (id, value) VALUES (1, 10), (2, 20)");
    return {
      async execute({ statements }) {
        const client = await pool.connect();
        try {
          // Like Hermitage's manual protocol: an error does not stop the session's script.
          for (const statement of statements) await client.query(statement).catch(() => undefined);
        } finally {
          client.release();
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
  const { rows } = await session.environment.direct.query<{ id: number; value: number }>("SELECT id, value FROM test ORDER BY id");
  const steps = execution.history.timeline.flatMap((event) =>
    event.kind === "step"
      ? [`${event.task} ${event.label} → ${event.result ?? ""}${event.waitedFor === undefined ? "" : ` ⏳ ${event.waitedFor.join(",")}`}`]
      : [],
  );
  return { failure: execution.failure, steps, table: rows.map(({ id, value }) => `${id} => ${value}`) };
};

const LEVELS = ["read committed", "repeatable read", "serializable"] as const;
const T1 = 0;
const T2 = 1;

describe("Hermitage through the gated driver", () => {
  test.each(LEVELS)("P4 lost update at %s", async (level) => {
    const transaction = [`begin transaction isolation level ${level}`, "select * from test where id = 1", "update test set value = 11 where id = 1", "commit"];
    const { failure, steps, table } = await run(transaction, transaction, [T1, T2, T1, T2, T1, T2, T1, T2, T2]);
    expect(failure).toBeUndefined();
    const prevented = level !== "read committed";
    expect(steps).toEqual([
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
    ]);
    // Read committed: T2 overwrites T1's increment (both wrote 11 over 10). Otherwise only T1's update stays.
    expect(table).toEqual(["1 => 11", "2 => 20"]);
  });

  test.each(LEVELS)("G2-item write skew at %s", async (level) => {
    const read = "select * from test where id in (1,2)";
    const t1 = [`begin transaction isolation level ${level}`, read, "update test set value = 11 where id = 1", "commit"];
    const t2 = [`begin transaction isolation level ${level}`, read, "update test set value = 21 where id = 2", "commit"];
    const { failure, steps, table } = await run(t1, t2, [T1, T2, T1, T2, T1, T2, T1, T2]);
    expect(failure).toBeUndefined();
    const prevented = level === "serializable";
    expect(steps).toEqual([
      `T1 begin transaction isolation level ${level} → BEGIN`,
      `T2 begin transaction isolation level ${level} → BEGIN`,
      `T1 ${read} → (1, 10) (2, 20)`,
      `T2 ${read} → (1, 10) (2, 20)`,
      "T1 update test set value = 11 where id = 1 → UPDATE 1",
      "T2 update test set value = 21 where id = 2 → UPDATE 1",
      "T1 commit → COMMIT",
      `T2 commit → ${prevented ? "✗ 40001 serialization_failure" : "COMMIT"}`,
    ]);
    expect(table).toEqual(prevented ? ["1 => 11", "2 => 20"] : ["1 => 11", "2 => 21"]);
  });
});
