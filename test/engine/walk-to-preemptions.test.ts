import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type Execution, execute } from "../../engine/execute.js";
import { type Case, caseArbitrary, programOf, scheduleOf } from "../../engine/random/case.js";
import { walkToPreemptions } from "../../engine/random/walk-to-preemptions.js";
import type { DecisionSource } from "../../engine/schedule/decision-source.js";
import { naiveAssignment } from "../../implementations/assignment/memory/naive.js";
import { groupMembership } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand, AssignmentOutcome } from "../../model/assignment/types.js";
import { assignmentCommands } from "../../properties/assignment/commands.js";

type Run = Execution<AssignmentCommand, AssignmentOutcome>;
const options = { timeLimitMs: 2_000 };
const run = (testCase: Case<AssignmentCommand>, source: DecisionSource = scheduleOf(testCase)): Promise<Run> =>
  execute(groupMembership, naiveAssignment, programOf(testCase), source, options);

// Walks of two and three tasks on the naive design, many of which fail: drawn once, from a fixed seed.
const walks = fc.sample(caseArbitrary(assignmentCommands(groupMembership.config), "concurrent", "uniform"), { seed: 42, numRuns: 300 });

describe("a failing uniform walk rewritten as preemption points", () => {
  test("runs exactly as the run that wrote the points down, and fails as it did", async () => {
    let rewritten = 0;
    for (const walk of walks) {
      let written: Run | undefined;
      const translated = await walkToPreemptions(walk, async (testCase, source) => (written = await run(testCase, source)));
      if (translated === undefined) continue;
      rewritten++;
      expect(translated.schedule).toBeUndefined();
      expect(programOf(translated)).toEqual(programOf(walk));
      const again = await run(translated);
      expect(again.failure?.kind).toBe(written?.failure?.kind);
      expect(again.fingerprint).toBe(written?.fingerprint);
    }
    // 116 of these walks fail; all but one or two are rewritten (the default's choice differs from a
    // walk's only after a task finished or blocked, and rarely matters there).
    expect(rewritten).toBeGreaterThan(100);
  });

  test("leaves alone a case that is not a walk, and a walk whose rewritten run passes", async () => {
    const preemptionCase = fc.sample(caseArbitrary(assignmentCommands(groupMembership.config), "concurrent", "preemptions"), { seed: 1, numRuns: 1 })[0]!;
    expect(await walkToPreemptions(preemptionCase, run)).toBeUndefined();
    const passing = walks.find((walk) => walk.branches.filter((branch) => branch.length > 0).length < 2)!;
    expect(await walkToPreemptions(passing, run)).toBeUndefined();
  });
});
