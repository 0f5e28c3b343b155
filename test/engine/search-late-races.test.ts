import { describe, expect, test } from "vitest";
import { memoryBackend } from "../../backends/memory.js";
import { verdictReport } from "../../engine/report/verdict-text.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import { catalogue } from "../../properties/catalogue.js";
import { verify } from "../../properties/verify.js";
import { assignmentConcurrencyMutants } from "../mutation/concurrency-mutants.js";
import { AWAITS_BEFORE_RACE, withAwaitsFirst } from "../mutation/late-race-mutants.js";
import { commandCount, preemptionCount } from "../support/verdicts.js";

const session = await memoryBackend.start();
const naive = catalogue.find((entry) => entry.implementation.name === "naive")?.implementation;

describe("the default search reaches every step of a command", () => {
  test.each(AWAITS_BEFORE_RACE.map((count) => ({ count })))(
    "the naive join behind $count harmless awaits fails and shrinks to two joins and one switch",
    async ({ count }) => {
      const late = withAwaitsFirst(naive!, count).implementation;
      for (const seed of [1, 2, 3]) {
        const verdict = await verify(lampSocket, late, session, { mode: "concurrent", seed });
        const report = verdictReport(verdict, "");
        expect(verdict.status, report).toBe("violated");
        expect({ commands: commandCount(verdict), preemptions: preemptionCount(verdict) }, report).toEqual({ commands: 2, preemptions: 1 });
        // The task switched away from had passed its awaits and loaded: the switch falls in its own steps.
        const steps = (verdict.counterexample?.execution.history.timeline ?? []).flatMap((event) => (event.kind === "step" ? [event] : []));
        const at = steps.findIndex((event) => event.preempted);
        const preempted = steps[at - 1]?.task;
        expect(steps.slice(0, at).filter((event) => event.task === preempted).length, report).toBeGreaterThan(count);
      }
    },
  );
});

describe("found after N runs counts from the check's seed", () => {
  // At this seed the first search's counterexample is not the smallest: an extra search (seed + 1) gives it.
  const mutant = assignmentConcurrencyMutants.find(({ implementation }) => implementation.name === "unit-of-work~refusal-on-contention")!.implementation;
  const SEED = 16;

  test("a counterexample from an extra search keeps the first search's count, says so, and replays from its own seed", async () => {
    const asFound = await verify(lampSocket, mutant, session, { mode: "concurrent", seed: SEED, shrink: false });
    const verdict = await verify(lampSocket, mutant, session, { mode: "concurrent", seed: SEED });
    const example = verdict.counterexample;
    expect(example?.extraSearch).toBe(1);
    expect(example?.seed).toBe(SEED + 1);
    expect(verdict.seed).toBe(SEED);
    expect(example?.runsToFailure).toBe(asFound.counterexample?.runsToFailure);
    expect(verdictReport(verdict, "")).toContain(`smallest from extra search 1 (seed ${SEED} + 1 = ${SEED + 1})`);

    const replayed = await verify(lampSocket, mutant, session, { mode: "concurrent", seed: example!.seed, path: example!.path });
    expect(replayed.counterexample?.case).toEqual(example?.case);
    expect(replayed.counterexample?.execution.fingerprint).toBe(example?.execution.fingerprint);
  });

  test("a counterexample from the check's own search says nothing about extra searches", async () => {
    const verdict = await verify(lampSocket, naive!, session, { mode: "concurrent", seed: 1 });
    expect(verdict.counterexample?.extraSearch).toBe(0);
    expect(verdict.counterexample?.seed).toBe(1);
    expect(verdictReport(verdict, "")).not.toContain("extra search");
  });
});
