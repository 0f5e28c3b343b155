import { expect, test } from "vitest";
import { memoryBackend } from "../../backends/memory.js";
import { verdictReport } from "../../engine/report/verdict-text.js";
import { cellAllocation } from "../../model/assignment/scenarios.js";
import { catalogue } from "../../properties/catalogue.js";
import { verify } from "../../properties/verify.js";
import { withAwaitsFirst } from "../mutation/late-race-mutants.js";
import { commandCount, preemptionCount } from "../support/verdicts.js";

const session = await memoryBackend.start();
const unchecked = catalogue.find((entry) => entry.implementation.name === "unit-of-work-unchecked-refusals")?.implementation;

// Seed 12000 shrinks to T1: leave(d1, c1) and T2: join(d1, c1), join(d1, c1), which fails only when
// T2 starts: its second join loads the detainee, T1 leaves, T2 loads the cell. Taking T2 first is
// the run's first decision, no context switch, so one switch shows it; trying single switches from
// T1's start alone left it at three.
test("the fewest switches may need another task to start: a 3-command race shown with one switch", async () => {
  const verdict = await verify(cellAllocation, unchecked!, session, { mode: "concurrent", seed: 12000, numRuns: 500 });
  const report = verdictReport(verdict, "");
  expect(verdict.status, report).toBe("violated");
  expect({ commands: commandCount(verdict), preemptions: preemptionCount(verdict) }, report).toEqual({ commands: 3, preemptions: 1 });
});

// The same 3-command race in longer commands (three harmless awaits before each load): still shown
// with one switch, whichever task had to start.
test("the 3-command race behind three harmless awaits still shrinks to one switch", async () => {
  const late = withAwaitsFirst(unchecked!, 3).implementation;
  for (const seed of [1, 2, 3]) {
    const verdict = await verify(cellAllocation, late, session, { mode: "concurrent", seed });
    const report = verdictReport(verdict, "");
    expect({ commands: commandCount(verdict), preemptions: preemptionCount(verdict) }, report).toEqual({ commands: 3, preemptions: 1 });
  }
});
