import { describe, expect, test } from "vitest";
import { memoryBackend } from "../../backends/memory.js";
import { waitlistFamily } from "../../examples/waitlist/family.js";
import { lockedWaitlist } from "../../examples/waitlist/locked-waitlist.js";
import { naiveWaitlist } from "../../examples/waitlist/naive-waitlist.js";
import { naiveJoin } from "../../examples/naive-join.js";
import { assertClaim, verify, verifyExhaustively } from "../../index.js";
import { proofReport } from "../../engine/report/proof-report.js";
import { verdictReport } from "../../engine/report/verdict-text.js";
import { commandCount, preemptionCount } from "../support/verdicts.js";
import { timelineText } from "../support/text-timeline.js";

// The team's family of examples/waitlist, checked through the public API only: a naive design is
// caught and shrunk to the smallest race, the same code under a lock passes, in both modes.

const session = await memoryBackend.start();
const [lastSeat, fullHouse] = waitlistFamily.scenarios;
if (lastSeat === undefined || fullHouse === undefined) throw new Error("the waitlist example names two scenarios");

const rejection = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => "",
    (error: unknown) => String(error),
  );

describe("random mode", () => {
  test.each([lastSeat, fullHouse])("the naive design is caught on $name, shrunk to 2 commands and 1 preemption", async (scenario) => {
    const verdict = await verify(scenario, naiveWaitlist, session, { mode: "concurrent", family: waitlistFamily, seed: 7, numRuns: 500 });
    expect(verdict.status, verdictReport(verdict, "")).toBe("violated");
    expect({ commands: commandCount(verdict), preemptions: preemptionCount(verdict) }, verdictReport(verdict, "")).toEqual({ commands: 2, preemptions: 1 });
  });

  test("the naive design passes sequentially: its rules are right, only interleavings break it", async () => {
    const verdict = await verify(lastSeat, naiveWaitlist, session, { mode: "sequential", family: waitlistFamily, seed: 7, numRuns: 300 });
    expect(verdict.status, verdictReport(verdict, "")).toBe("passed");
  });

  test("the locked design keeps its claim on every scenario, in both modes", async () => {
    const verdicts = await assertClaim(lockedWaitlist, { family: waitlistFamily, seed: 7, numRuns: 300 });
    expect(verdicts.map((verdict) => `${verdict.scenario} ${verdict.mode} ${verdict.status}`)).toEqual([
      "last-seat sequential passed",
      "last-seat concurrent passed",
      "full-house sequential passed",
      "full-house concurrent passed",
    ]);
    expect(verdicts.every((verdict) => verdict.distinctInterleavings > 100)).toBe(true);
  });

  test("assertClaim reports the naive design's race with a replay, which repeats it exactly", async () => {
    const first = await rejection(assertClaim(naiveWaitlist, { family: waitlistFamily, scenarios: ["last-seat"], modes: ["concurrent"], seed: 7 }));
    const replay = /replay: assertClaim\(design, \{ family, scenarios: \["last-seat"\], modes: \["concurrent"\], seed: (-?\d+), path: "([\d:]+)" \}\)/.exec(
      first,
    );
    expect(replay, first).not.toBeNull();
    const [, seed, path] = replay as RegExpExecArray;
    const again = await rejection(
      assertClaim(naiveWaitlist, { family: waitlistFamily, scenarios: ["last-seat"], modes: ["concurrent"], seed: Number(seed), path: path as string }),
    );
    expect(again).toContain("found after 1 run,");
    expect(timelineText(again)).toBe(timelineText(first));
  });

  test("assertClaim refuses a family that is not the design's", async () => {
    expect(await rejection(assertClaim(naiveJoin, { family: waitlistFamily }))).toContain(
      'our-naive-join implements family "assignment", but the family handed in with it is "waitlist"',
    );
  });

  test("assertClaim without the family says what to pass", async () => {
    expect(await rejection(assertClaim(lockedWaitlist))).toContain(
      'locked-waitlist: family "waitlist" is not built in (assignment, unique-email, tenant-subscription, bank-transfer, flight-booking); hand in its definition',
    );
  });
});

describe("exhaustive mode", () => {
  test("the naive design's race is found, minimal by construction", async () => {
    const verdict = await verifyExhaustively(lastSeat, naiveWaitlist, session, { family: waitlistFamily });
    expect(verdict.status, proofReport(verdict, "")).toBe("violated");
    const program = verdict.counterexample?.program;
    expect(program?.branches.map((branch) => branch.length)).toEqual([1, 1]);
    expect(verdict.counterexample?.execution.preemptions).toBe(1);
  });

  test("the locked design is verified over every program of the proof domain", { timeout: 60_000 }, async () => {
    const verdict = await verifyExhaustively(fullHouse, lockedWaitlist, session, { family: waitlistFamily });
    expect(verdict.status, proofReport(verdict, "")).toBe("verified");
    expect(verdict.programs).toBe(755);
    expect(verdict.programsExplored).toBe(verdict.programs);
    expect(verdict.notCovered).toContain("people beyond the first three");
  });
});
