import { describe, expect, test } from "vitest";
import type { PostgresEnvironment } from "../../backends/postgres/index.js";
import { cannotCommit, onlyRead } from "../../backends/postgres/state-changes.js";
import { execute } from "../../engine/execute.js";
import { defineImplementation } from "../../engine/implementation.js";
import { preemptionSource } from "../../engine/schedule/preemptions.js";
import { readPairs, memberships } from "../../implementations/assignment/postgres/tables.js";
import { rowLocks } from "../../implementations/assignment/postgres/row-locks.js";
import { resetTables } from "../../implementations/postgres/table-definition.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";
import { fileSession } from "./support.js";

const session = await fileSession();
const join = (member: string, container: string): AssignmentCommand => ({ _tag: "join", member, container });
const options = { timeLimitMs: 10_000, beginRun: session.beginRun, probe: session.probe };
/** The same session without its state version: the engine reads a snapshot at every decision, as it did before it had one. */
const everySnapshot = {
  ...options,
  beginRun: async () => {
    const lease = await session.beginRun();
    return { environment: lease.environment, release: lease.release };
  },
};

/** Counts the snapshots a design's runs read. */
const counted = <I extends typeof rowLocks>(implementation: I) => {
  const reads = { count: 0 };
  const design = {
    ...implementation,
    create: async (context: Parameters<I["create"]>[0]) => {
      const instance = await implementation.create(context);
      return {
        ...instance,
        snapshot: () => {
          reads.count++;
          return instance.snapshot();
        },
      };
    },
  } as I;
  return { design, reads };
};

describe("which statements may change what a snapshot reads", () => {
  test("inside an open transaction only a COMMIT may; a lone BEGIN never does; everything else outside one may", () => {
    expect(cannotCommit("SELECT id FROM members WHERE id = $1 FOR UPDATE", "T", 0)).toBe(true);
    expect(cannotCommit("INSERT INTO memberships VALUES ($1, $2)", "T", 0)).toBe(true);
    expect(cannotCommit("COMMIT", "T", 0)).toBe(false);
    expect(cannotCommit("end", "T", 0)).toBe(false);
    expect(cannotCommit("PREPARE TRANSACTION 'x'", "T", 0)).toBe(false);
    expect(cannotCommit("BEGIN ISOLATION LEVEL SERIALIZABLE", "I", 0)).toBe(true);
    expect(cannotCommit("BEGIN; INSERT INTO memberships VALUES ('a', 'b')", "I", 0)).toBe(false);
    expect(cannotCommit("INSERT INTO memberships VALUES ($1, $2)", "I", 0)).toBe(false);
    // A statement queued behind another: the status it was sent at may be stale (a COMMIT ahead of it).
    expect(cannotCommit("INSERT INTO memberships VALUES ($1, $2)", "T", 1)).toBe(false);
    expect(cannotCommit("UPDATE t SET a = 1; COMMIT", "T", 0)).toBe(false);
  });

  test("on direct, only a single read answered as a read is no change", () => {
    expect(onlyRead("SELECT member, container FROM memberships", ["SELECT"])).toBe(true);
    expect(onlyRead("WITH gone AS (DELETE FROM memberships RETURNING *) SELECT * FROM gone", ["SELECT"])).toBe(false);
    expect(onlyRead("SELECT 1; TRUNCATE memberships", ["SELECT", "TRUNCATE"])).toBe(false);
    expect(onlyRead("INSERT INTO memberships VALUES ('a', 'b')", ["INSERT"])).toBe(false);
    expect(onlyRead("SELECT nextval('s')", ["SELECT"])).toBe(false);
  });
});

describe("snapshots on PostgreSQL", () => {
  test("a snapshot is read again only after something that may have committed, and the run is the same as reading it at every decision", async () => {
    const program = { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s1")]] };
    const schedule = () => preemptionSource([[[{ step: 4, to: 0 }]], [[]]]);
    const reused = counted(rowLocks);
    const withReuse = await execute(lampSocket, reused.design, program, schedule(), options);
    const everyTime = counted(rowLocks);
    const without = await execute(lampSocket, everyTime.design, program, schedule(), everySnapshot);
    expect(withReuse.failure).toBeUndefined();
    expect(without.failure).toBeUndefined();
    expect(JSON.stringify(withReuse.history.timeline)).toBe(JSON.stringify(without.history.timeline));
    expect(reused.reads.count).toBeLessThan(everyTime.reads.count);
  });

  test("a write made on direct inside a command is seen: the snapshot after it is read, not reused", async () => {
    // The join's row goes in on `direct` (autocommit) while the command's own transaction only reads and rolls back:
    // nothing on the gated pool commits, so only the write on direct tells the engine that the state changed.
    const sideWrite = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, PostgresEnvironment>({
      family: "assignment",
      name: "writes-on-direct",
      design: "writes-on-direct",
      backend: "postgres",
      claim: "linearizable",
      async create({ pool, direct }) {
        await resetTables(direct, [memberships]);
        return {
          async execute({ member, container }) {
            const client = await pool.connect();
            try {
              await client.query("BEGIN");
              await direct.query("INSERT INTO memberships (member, container) VALUES ($1, $2)", [member, container]);
              await client.query("SELECT 1");
              await client.query("ROLLBACK");
            } finally {
              client.release();
            }
            return "joined";
          },
          snapshot: () => readPairs(direct, memberships.name),
        };
      },
    });
    const run = await execute(lampSocket, sideWrite, { prefix: [], branches: [[join("l1", "s1")]] }, preemptionSource([[[]]]), options);
    expect(run.failure).toBeUndefined();
  });
});
