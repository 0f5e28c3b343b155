import { describe, expect, test } from "vitest";
import { memoryBackend } from "../backends/memory.js";
import type { Mode } from "../engine/random/check.js";
import { verdictReport } from "../engine/report/verdict-text.js";
import { assignmentScenarios, lampSocket } from "../model/assignment/scenarios.js";
import type { AssignmentCommand } from "../model/assignment/types.js";
import { catalogue } from "../properties/catalogue.js";
import { verify } from "../properties/verify.js";
import { commandCount, preemptionCount } from "./support/verdicts.js";

const session = await memoryBackend.start();
const SEEDS = [1, 2, 3];

/** The smallest counterexample of each known-broken design: what shrinking must reach. */
const minimalCommands: Readonly<Record<string, number>> = {
  naive: 2,
  "versioned-per-aggregate": 2,
  // A refusal can only be skewed once there is something to refuse: one join first, then a join
  // and a leave of the same pair concurrently.
  "unit-of-work-unchecked-refusals": 3,
};

const cells = catalogue
  .filter(({ implementation }) => implementation.family === "assignment" && implementation.backend === "memory")
  .flatMap((entry) => assignmentScenarios.filter((scenario) => entry.scenarios?.includes(scenario.name) ?? true).map((scenario) => ({ scenario, ...entry })))
  .flatMap((cell) => (["sequential", "concurrent"] as const).map((mode: Mode) => ({ ...cell, mode, name: `${cell.scenario.name} · ${cell.implementation.name} · ${mode}` })));

describe("assignment in memory", () => {
  test.each(cells)("$name", async ({ scenario, implementation, expected, mode }) => {
    for (const seed of SEEDS) {
      const verdict = await verify(scenario, implementation, session, { mode, seed, numRuns: expected[mode] === "violated" ? 3_000 : 300 });
      expect(verdict.status, verdictReport(verdict, "")).toBe(expected[mode]);
      if (verdict.status === "violated") {
        // The evidence convinces only when it is small: the fewest commands, one context switch.
        expect(commandCount(verdict), verdictReport(verdict, "")).toBe(minimalCommands[implementation.name]);
        expect(preemptionCount(verdict)).toBe(1);
      } else {
        expect(verdict.distinctInterleavings).toBeGreaterThan(mode === "concurrent" ? 250 : 150);
      }
    }
  });
});

describe("lamp-socket naive", () => {
  test("shrinks to two joins of one lamp or one socket, in two branches, with one preemption", async () => {
    const naive = catalogue.find((entry) => entry.implementation.name === "naive");
    for (const seed of [11, 12, 13, 14, 15]) {
      const verdict = await verify(lampSocket, naive!.implementation, session, { mode: "concurrent", seed });
      const example = verdict.counterexample;
      expect(example?.case.prefix).toEqual([]);
      const branches = example?.case.branches.filter((branch) => branch.length > 0) ?? [];
      expect(branches).toHaveLength(2);
      const [first, second] = branches.map((branch) => branch[0]?.command as AssignmentCommand);
      expect([first?._tag, second?._tag]).toEqual(["join", "join"]);
      // Both races are minimal: two lamps saved into one socket, or one lamp saved into two.
      expect(first?.container === second?.container || first?.member === second?.member).toBe(true);
      expect(preemptionCount(verdict)).toBe(1);
    }
  });
});
