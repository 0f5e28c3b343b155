import { assignmentFamily } from "../../properties/assignment/family.js";
import { describe, expect, test } from "vitest";
import { eventualVerdictReport } from "../../engine/eventual/report.js";
import { drawTimeline } from "../../engine/report/timeline.js";
import { executeEventually } from "../../engine/eventual/run.js";
import type { Fault } from "../../engine/eventual/faults.js";
import { eventualHeadline } from "../../engine/eventual/failure.js";
import { groupMembership } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand } from "../../model/assignment/types.js";
import { slotReservationSagaOnPostgres } from "../../implementations/assignment/postgres/slot-reservation-saga.js";
import { eventualCatalogue } from "../../properties/catalogue.js";
import { familyOf } from "../../properties/families.js";
import { verifyEventually } from "../../properties/eventual/verify-eventually.js";
import { succeededIn } from "../../properties/eventual/successes.js";
import { requestCount } from "../../engine/eventual/case.js";
import { sessionLanes } from "./support.js";

/** Correct designs: enough runs to vary deliveries and faults, few enough for two busy cores. */
const RUNS = { sequential: 15, concurrent: 25 } as const;
/** Broken designs: a violation ends the search at once; this is only its cap. */
const RUNS_UNTIL_VIOLATION = 100;
const SEED = 7;
/** A search, its shrinking and one more search, each run a few dozen statements, on two busy cores. */
const TIMEOUT_MS = 600_000;

const lanes = await sessionLanes(3);

const cells = eventualCatalogue
  .filter((entry) => entry.implementation.backend === "postgres")
  .flatMap((entry) =>
    (familyOf(entry.implementation.family)?.scenarios ?? [])
      .filter((scenario) => entry.scenarios?.includes(scenario.name) ?? true)
      .flatMap((scenario) => (["sequential", "concurrent"] as const).map((mode) => ({ entry, scenario, mode }))),
  );

test("every design of SPEC section E is in the catalogue on PostgreSQL too", () => {
  expect(cells.map(({ entry }) => entry.implementation.name)).toEqual(
    expect.arrayContaining([
      "pg-slot-reservation-saga",
      "pg-saga-without-compensation",
      "pg-non-idempotent-saga",
      "pg-publish-after-commit",
      "pg-eager-confirmation",
      "pg-transfer-saga",
      "pg-dedupe-job",
      "pg-subscribe-then-charge-back",
    ]),
  );
});

describe.concurrent.each(cells)("$entry.implementation.name on $scenario.name, $mode", ({ entry, scenario, mode }) => {
  const broken = entry.expected[mode] === "violated";
  test(
    `is ${entry.expected[mode]}${entry.minimal === undefined ? "" : ", with the fewest requests and faults"}`,
    async () => {
      const verdict = await lanes((session) =>
        verifyEventually(scenario, entry.implementation, { mode, numRuns: broken ? RUNS_UNTIL_VIOLATION : RUNS[mode], seed: SEED, session }),
      );
      const report = eventualVerdictReport(verdict, `seed ${verdict.counterexample?.seed ?? verdict.seed}`);
      expect(verdict.status, report).toBe(entry.expected[mode]);
      if (verdict.status === "passed") expect(verdict.distinctInterleavings, report).toBeGreaterThan(RUNS[mode] / 2);
      const example = verdict.counterexample;
      if (example === undefined || entry.minimal === undefined) return;
      expect({ requests: requestCount(example.case), faults: example.case.faults.map((fault) => fault.kind) }, report).toEqual(entry.minimal);
    },
    TIMEOUT_MS,
  );

  if (entry.faultFree !== undefined) {
    test(
      `is ${entry.faultFree} without faults`,
      async () => {
        const verdict = await lanes((session) =>
          verifyEventually(scenario, entry.implementation, { mode, numRuns: RUNS[mode], seed: SEED, session, faults: false }),
        );
        expect(verdict.status, eventualVerdictReport(verdict, "")).toBe(entry.faultFree);
      },
      TIMEOUT_MS,
    );
  }
});

/** One join, settled, with `faults`: the run of the slot saga on PostgreSQL, drawn. */
const joinWith = (faults: ReadonlyArray<Fault>) =>
  lanes(async (session) => {
    const join: AssignmentCommand = { _tag: "join", member: "u1", container: "g1" };
    const execution = await executeEventually(
      groupMembership,
      slotReservationSagaOnPostgres,
      { prefix: [join], branches: [], faults, choices: [] },
      { timeLimitMs: 10_000, settleSteps: 1_000, succeeded: succeededIn(assignmentFamily), session },
    );
    const steps = execution.history.timeline.flatMap((event) => (event.kind === "step" ? [`${event.label} → ${event.result ?? ""}`] : []));
    return { execution, steps, timeline: drawTimeline(execution.history.timeline) };
  });

describe("a crash on PostgreSQL", () => {
  // m1 wakes the relay; its await points: BEGIN, SELECT … SKIP LOCKED, DELETE, COMMIT.
  test(
    "of the relay, holding outbox rows locked, ends its connection: the rows come back and the next relay moves them",
    async () => {
      const { execution, steps, timeline } = await joinWith([{ kind: "crash", message: 0, step: 3 }]);
      expect(execution.failure === undefined ? "settled" : eventualHeadline(execution.failure), timeline).toBe("settled");
      expect(execution.faultsApplied).toEqual([0]);
      expect(timeline).toContain("✖ m1 handler crashed before");
      // Had the crashed relay kept its locks, SKIP LOCKED would have hidden the row from the second one for ever.
      expect(steps.filter((text) => /SKIP LOCKED → \(1, join-requested/.test(text)).length, timeline).toBe(2);
      expect(execution.history.operations.map((operation) => operation.outcome)).toEqual(["joined"]);
    },
    TIMEOUT_MS,
  );

  // m2 is the join request; the group's handler: BEGIN, INSERT processed id, SELECT … FOR UPDATE, UPDATE, INSERT outbox, COMMIT.
  test(
    "of a handler before its COMMIT rolls its transaction back: the redelivered message is handled once, as new",
    async () => {
      const { execution, steps, timeline } = await joinWith([{ kind: "crash", message: 1, step: 6 }]);
      expect(execution.failure === undefined ? "settled" : eventualHeadline(execution.failure), timeline).toBe("settled");
      expect(execution.faultsApplied).toEqual([0]);
      expect(timeline).toContain("(redelivered)");
      // The processed id and the reservation of the crashed attempt were rolled back with it.
      expect(steps.filter((text) => text.includes("processed_messages VALUES ('group', 'm2')") && text.endsWith("→ INSERT 1")).length, timeline).toBe(2);
      expect(execution.history.operations.map((operation) => operation.outcome)).toEqual(["joined"]);
    },
    TIMEOUT_MS,
  );
});
