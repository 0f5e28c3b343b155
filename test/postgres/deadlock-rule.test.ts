import { describe, expect, test } from "vitest";
import type { PostgresEnvironment } from "../../backends/postgres/index.js";
import { execute } from "../../engine/execute.js";
import { defineImplementation } from "../../engine/implementation.js";
import { preemptionSource } from "../../engine/schedule/preemptions.js";
import { inTransaction } from "../../implementations/postgres/transaction.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";
import { fileSession } from "./support.js";

const session = await fileSession();
const options = { timeLimitMs: 10_000, beginRun: session.beginRun, probe: session.probe };
const join = (member: string, container: string): AssignmentCommand => ({ _tag: "join", member, container });
const leave = (member: string, container: string): AssignmentCommand => ({ _tag: "leave", member, container });

/** Joins lock the lamp then the socket, leaves the socket then the lamp: a cycle, on purpose. */
const oppositeOrders = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, PostgresEnvironment>({
  family: "assignment",
  name: "opposite-lock-orders",
  design: "opposite lock orders",
  backend: "postgres",
  claim: "linearizable",
  async create({ pool, direct }) {
    await direct.query(
      "DROP TABLE IF EXISTS lamps, sockets; CREATE TABLE lamps (id text PRIMARY KEY); CREATE TABLE sockets (id text PRIMARY KEY); INSERT INTO lamps VALUES ('l1'), ('l2'); INSERT INTO sockets VALUES ('s1'), ('s2')",
    );
    const lockLamp = `SELECT id FROM lamps WHERE id = $1 FOR UPDATE`;
    const lockSocket = `SELECT id FROM sockets WHERE id = $1 FOR UPDATE`;
    return {
      async execute({ _tag, member, container }) {
        const order: ReadonlyArray<readonly [string, string]> =
          _tag === "join"
            ? [
                [lockLamp, member],
                [lockSocket, container],
              ]
            : [
                [lockSocket, container],
                [lockLamp, member],
              ];
        try {
          return await inTransaction(pool, "BEGIN", async (client) => {
            for (const [statement, id] of order) await client.query(statement, [id]);
            return _tag === "join" ? "joined" : "left";
          });
        } catch (error) {
          if ((error as { code?: unknown }).code !== "40P01") throw error;
          return _tag === "join" ? "container-full" : "not-joined";
        }
      },
      snapshot: () => ({ memberSide: [], containerSide: [] }),
    };
  },
});

const REPETITIONS = 30;

/** Runs `program` under one schedule again and again; returns each run's timeline and its 40P01 steps. */
const repeat = async (program: { prefix: []; branches: AssignmentCommand[][] }, schedule: () => ReturnType<typeof preemptionSource>) => {
  const timelines = new Set<string>();
  const victims = new Set<string>();
  for (let run = 0; run < REPETITIONS; run++) {
    const execution = await execute(lampSocket, oppositeOrders, program, schedule(), options);
    const { timeline } = execution.history;
    timelines.add(JSON.stringify(timeline));
    victims.add(JSON.stringify(timeline.filter((event) => event.kind === "step" && event.result?.includes("40P01") === true)));
  }
  return { timelines, victims };
};

describe("deadlocks on PostgreSQL", () => {
  test(`a cycle of two is broken by rule: ${REPETITIONS} runs, one timeline, the longest waiter is the victim`, async () => {
    const started = performance.now();
    const { timelines, victims } = await repeat({ prefix: [], branches: [[join("l1", "s1")], [leave("l1", "s1")]] }, () =>
      preemptionSource([[[{ step: 2, to: 0 }]], [[]]]),
    );
    expect(timelines.size).toBe(1);
    expect([...victims].map((victim) => JSON.parse(victim) as unknown)).toEqual([
      [
        expect.objectContaining({
          task: "T2",
          label: "SELECT id FROM lamps WHERE id = 'l1' FOR UPDATE",
          result: "✗ 40P01 deadlock_detected",
          waitedFor: ["T1"],
        }),
      ],
    ]);
    // Under the server's detector (deadlock_timeout) or a lock timeout, each run would take seconds.
    expect(performance.now() - started).toBeLessThan(REPETITIONS * 1_000);
  });

  test(`a cycle of four is broken by rule: ${REPETITIONS} runs, one timeline, the longest waiter is the victim`, async () => {
    // Each takes its first lock, then hands over: T1 holds l1, T2 s1, T3 l2, T4 s2, and each then wants the next one's.
    const program = { prefix: [] as [], branches: [[join("l1", "s1")], [leave("l2", "s1")], [join("l2", "s2")], [leave("l1", "s2")]] };
    const { timelines, victims } = await repeat(program, () =>
      preemptionSource([[[{ step: 2, to: 0 }]], [[{ step: 2, to: 1 }]], [[{ step: 2, to: 2 }]], [[]]]),
    );
    expect(timelines.size).toBe(1);
    expect([...victims].map((victim) => JSON.parse(victim) as unknown)).toEqual([
      [
        expect.objectContaining({
          task: "T4",
          label: "SELECT id FROM lamps WHERE id = 'l1' FOR UPDATE",
          result: "✗ 40P01 deadlock_detected",
          waitedFor: ["T1"],
        }),
      ],
    ]);
  });
});
