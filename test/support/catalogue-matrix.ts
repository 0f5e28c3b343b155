import { describe, expect, test } from "vitest";
import { memoryBackend } from "../../backends/memory.js";
import type { Mode } from "../../engine/random/check.js";
import { verdictReport } from "../../engine/report/verdict-text.js";
import { catalogue } from "../../properties/catalogue.js";
import { familyOf } from "../../properties/families.js";
import { verify } from "../../properties/verify.js";
import { commandCount, preemptionCount } from "./verdicts.js";

/** The largest shrunk counterexample accepted for a known-broken design. */
export interface ShrunkAtMost {
  readonly commands: number;
  readonly preemptions: number;
}

const SEEDS = [1, 2, 3];
const RUNS = 200;

/**
 * Checks every in-memory design of `family` in the catalogue on each of its scenarios, in both
 * modes with fixed seeds: the verdict the catalogue promises and, for every violation, a shrunk
 * counterexample no larger than `shrunk[design]` (which every known-broken design must state).
 */
export const verifyCatalogueInMemory = (family: string, shrunk: Readonly<Record<string, ShrunkAtMost>>): void => {
  const scenarios = familyOf(family)?.scenarios ?? [];
  const designs = catalogue.filter((entry) => entry.implementation.family === family && entry.implementation.backend === "memory");
  test("the family is registered with scenarios and designs", () => {
    expect(scenarios.length).toBeGreaterThan(0);
    expect(designs.length).toBeGreaterThan(1);
  });
  describe.each(scenarios)("$name in memory", (scenario) => {
    const here = designs.filter((entry) => entry.scenarios === undefined || entry.scenarios.includes(scenario.name));
    describe.each(here)("$implementation.name", ({ implementation, expected }) => {
      test.each(["sequential", "concurrent"] as const)(`%s: ${implementation.design}`, async (mode: Mode) => {
        const session = await memoryBackend.start();
        for (const seed of SEEDS) {
          const verdict = await verify(scenario, implementation, session, { mode, seed, numRuns: RUNS });
          expect(verdict.status, verdictReport(verdict, "")).toBe(expected[mode]);
          if (expected[mode] === "passed") continue;
          const bound = shrunk[implementation.name];
          expect(bound, `state the shrunk size of ${implementation.name}`).toBeDefined();
          expect(commandCount(verdict), verdictReport(verdict, "")).toBeLessThanOrEqual(bound?.commands ?? 0);
          expect(preemptionCount(verdict), verdictReport(verdict, "")).toBeLessThanOrEqual(bound?.preemptions ?? 0);
        }
      });
    });
  });
};
