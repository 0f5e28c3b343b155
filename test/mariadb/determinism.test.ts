import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { execute } from "../../engine/execute.js";
import { verdictReport } from "../../engine/report/verdict-text.js";
import { uniformChoices, uniformSource } from "../../engine/schedule/uniform.js";
import { rowLocksOnMariadb } from "../../implementations/assignment/mariadb/row-locks.js";
import { naiveRepeatableReadOnMariadb } from "../../implementations/assignment/mariadb/naive-rr.js";
import { serializableOnMariadb } from "../../implementations/assignment/mariadb/serializable.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand } from "../../model/assignment/types.js";
import { verify } from "../../properties/verify.js";
import { fileSession } from "./support.js";

/**
 * The engine decides only when every running statement is parked or waits for a lock a parked task
 * holds, so the same decisions give the same timeline on a real server, lock waits included: what
 * a statement returns, which statement waits for whom, and when the waiting one resumes.
 */

const session = await fileSession();
const REPEATS = 20;
/** A schedule in which T2's `SELECT … FOR UPDATE` on the socket waits for T1's lock. */
const SEED = 7;
/**
 * At SERIALIZABLE, a schedule in which both joins read the socket's memberships (shared locks),
 * T1's INSERT waits for T2's, and T2's INSERT closes the cycle: InnoDB answers it 1213 at once,
 * T1 resumes, and T2 runs again from the start.
 */
const DEADLOCK_SEED = 2;

const join = (member: string, container: string): AssignmentCommand => ({ _tag: "join", member, container });

const timeline = async (design: typeof rowLocksOnMariadb, choices: ReadonlyArray<number>): Promise<string> => {
  const execution = await execute(lampSocket, design, { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s1")]] }, uniformSource(choices), {
    timeLimitMs: 10_000,
    beginRun: session.beginRun,
    probe: session.probe,
  });
  expect(execution.failure).toBeUndefined();
  return execution.history.timeline
    .map((event) =>
      event.kind === "step"
        ? `${event.task} ${event.label} → ${event.result ?? ""}${event.waitedFor === undefined ? "" : ` ⏳ ${event.waitedFor.join(",")}`}`
        : `${event.task} ${event.kind}`,
    )
    .join("\n");
};

describe("determinism on MariaDB", () => {
  test(`the same decisions give one timeline in ${REPEATS} runs, a lock wait included`, async () => {
    const [choices] = fc.sample(uniformChoices(), { seed: SEED, numRuns: 1 });
    const timelines = new Set<string>();
    for (let run = 0; run < REPEATS; run++) timelines.add(await timeline(rowLocksOnMariadb, choices ?? []));
    expect(timelines.size, [...timelines].join("\n\n")).toBe(1);
    expect([...timelines][0]).toMatch(/FOR UPDATE → .* ⏳ T\d/);
  });

  test(`the same decisions give one timeline in ${REPEATS} runs, a lock wait and a deadlock included`, async () => {
    const [choices] = fc.sample(uniformChoices(), { seed: DEADLOCK_SEED, numRuns: 1 });
    const timelines = new Set<string>();
    for (let run = 0; run < REPEATS; run++) timelines.add(await timeline(serializableOnMariadb, choices ?? []));
    expect(timelines.size, [...timelines].join("\n\n")).toBe(1);
    const [only = ""] = timelines;
    expect(only).toMatch(/INSERT INTO memberships .* ⏳ T\d/);
    expect(only).toMatch(/INSERT INTO memberships .* → ✗ 1213 ER_LOCK_DEADLOCK/);
    expect(only).toContain("↳ resumes after the wait");
  });

  test("the same seed finds the same shrunk counterexample", async () => {
    const reports = new Set<string>();
    for (let run = 0; run < 3; run++) {
      const verdict = await verify(lampSocket, naiveRepeatableReadOnMariadb, session, { mode: "concurrent", seed: 20_240_601, numRuns: 50 });
      expect(verdict.status).toBe("violated");
      // The report's figures include wall time; the counterexample is the rest.
      reports.add(verdictReport(verdict, "").replace(/\d+(\.\d+)? (ms|s)\b/g, "…"));
    }
    expect(reports.size, [...reports].join("\n\n")).toBe(1);
  });
});
