import { describe, expect, test } from "vitest";
import { executeEventually, type EventualProgram } from "../../engine/eventual/run.js";
import { eventualVerdictLine, eventualVerdictReport } from "../../engine/eventual/report.js";
import type { EventualImplementation } from "../../engine/eventual/port.js";
import { eagerConfirmation } from "../../implementations/assignment/memory/eager-confirmation.js";
import { nonIdempotentSaga } from "../../implementations/assignment/memory/non-idempotent-saga.js";
import { slotReservationSaga } from "../../implementations/assignment/memory/slot-reservation-saga.js";
import { cellAllocation, groupMembership } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";
import { assignmentFamily } from "../../properties/assignment/family.js";
import { succeededIn } from "../../properties/eventual/successes.js";
import { verifyEventually } from "../../properties/eventual/verify-eventually.js";
import { blindInOrder, refusesEverything, retriesForever } from "./fixtures.js";

const join = (member: string, container: string): AssignmentCommand => ({ _tag: "join", member, container });
const leave = (member: string, container: string): AssignmentCommand => ({ _tag: "leave", member, container });

const run = (
  implementation: EventualImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>,
  program: Partial<EventualProgram<AssignmentCommand>>,
  settleSteps = 1_000,
) =>
  executeEventually(
    groupMembership,
    implementation,
    { prefix: [], branches: [], faults: [], choices: [], ...program },
    { timeLimitMs: 5_000, settleSteps, succeeded: succeededIn(assignmentFamily) },
  );

const cells = (execution: Awaited<ReturnType<typeof run>>) =>
  execution.history.timeline.map((event) => ("label" in event ? event.label : event.text)).join("\n");

describe("the settle phase", () => {
  test("a process that keeps retrying does not settle: the verdict names the bound and what is still pending", async () => {
    const execution = await run(retriesForever, { prefix: [join("u1", "g1")] }, 30);
    expect(execution.failure).toMatchObject({ kind: "does-not-settle", steps: 30 });
    expect(execution.failure?.kind === "does-not-settle" ? execution.failure.pending.join("\n") : "").toMatch(/retry for manager \(due at step \d+\)/);
  });

  test("timers fire in logical time: a request settled by a timeout 5 steps later settles", async () => {
    const execution = await run(blindInOrder(5), { prefix: [join("u1", "g1")] });
    expect(execution.failure).toBeUndefined();
    expect(cells(execution)).toMatch(/⇢ m1 apply r1 u1 g1 true at step \d+/);
  });

  test("a request nobody settles is reported as never ending, once nothing is left to deliver", async () => {
    const execution = await run(retriesForever, { prefix: [join("u1", "g1")] }, 30);
    expect(execution.history.operations[0]?.completedAt).toBeUndefined();
  });
});

describe("faults", () => {
  test("a message delivered after a later one breaks a design that relies on order, and the timeline marks it", async () => {
    const program = { branches: [[join("u1", "g1"), leave("u1", "g1")]] };
    expect((await run(blindInOrder(), program)).failure).toBeUndefined();
    const late = await run(blindInOrder(), { ...program, faults: [{ kind: "reorder", message: 0 }] });
    expect(late.failure?.kind).toMatch(/not-linearizable|state-not-explained/);
    expect(late.faultsApplied).toEqual([0]);
    expect(cells(late)).toContain("↯ m1 held back");
  });

  test("the slot saga survives a crash before its commit, a duplicate and a crash of the member's handler; each is marked", async () => {
    const execution = await run(slotReservationSaga, {
      prefix: [join("u1", "g1")],
      faults: [
        { kind: "crash", message: 0, step: 2 },
        { kind: "duplicate", message: 1 },
        { kind: "crash", message: 1, step: 1 },
      ],
    });
    expect(execution.failure).toBeUndefined();
    expect(execution.faultsApplied).toEqual([0, 1, 2]);
    const timeline = cells(execution);
    expect(timeline).toContain("✖ m1 handler crashed before");
    expect(timeline).toContain("m1 ⇠ join-requested r1 u1 g1 (redelivered)");
    expect(timeline).toContain("⧉ duplicate");
  });

  test("a fault whose message never exists does nothing", async () => {
    const execution = await run(slotReservationSaga, { prefix: [join("u1", "g1")], faults: [{ kind: "duplicate", message: 5 }] });
    expect(execution.failure).toBeUndefined();
    expect(execution.faultsApplied).toEqual([]);
  });
});

describe("the judgement", () => {
  test("sequential conformance is exact: a design that refuses everything is caught with one request", async () => {
    const verdict = await verifyEventually(groupMembership, refusesEverything, { mode: "sequential", numRuns: 50, seed: 1 });
    expect(verdict.status).toBe("violated");
    expect(verdict.counterexample?.case.prefix).toHaveLength(1);
    expect(verdict.counterexample?.execution.failure?.kind).toBe("not-linearizable");
  });

  test("only the invariants a design names are checked at every moment: eager confirmation passes once it claims none", async () => {
    const verdict = await verifyEventually(groupMembership, { ...eagerConfirmation, keeps: [] }, { mode: "sequential", numRuns: 60, seed: 1 });
    expect(verdict.status, eventualVerdictReport(verdict, "")).toBe("passed");
  });

  test("refusals under concurrency are counted and reported, not failed", async () => {
    const verdict = await verifyEventually(cellAllocation, slotReservationSaga, { mode: "concurrent", numRuns: 60, seed: 3 });
    expect(verdict.status).toBe("passed");
    expect(verdict.refusals.refused).toBeGreaterThan(0);
    expect(eventualVerdictLine(verdict)).toMatch(/spurious refusals: \d+% of refused requests \(\d+ of \d+\)/);
  });
});

describe("replay", () => {
  test("the reported seed and path give the same counterexample, faults included, and the report separates the settle phase", async () => {
    const verdict = await verifyEventually(groupMembership, nonIdempotentSaga, { mode: "sequential", numRuns: 100, seed: 5 });
    const example = verdict.counterexample;
    expect(example?.case.faults).toEqual([{ kind: "duplicate", message: 0 }]);
    const replayed = await verifyEventually(groupMembership, nonIdempotentSaga, {
      mode: "sequential",
      numRuns: 100,
      seed: example?.seed ?? 0,
      path: example?.path ?? "",
    });
    expect(replayed.counterexample?.execution.failure).toEqual(example?.execution.failure);
    expect(replayed.counterexample?.execution.fingerprint).toEqual(example?.execution.fingerprint);
    const report = eventualVerdictReport(verdict, "replay");
    expect(report).toContain("── settle phase");
    expect(report).toContain("faults: ⧉ m1 delivered twice");
  }, 60_000);
});
