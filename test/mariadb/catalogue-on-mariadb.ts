import { describe, expect, test } from "vitest";
import type { Mode } from "../../engine/random/check.js";
import { verdictReport } from "../../engine/report/verdict-text.js";
import { catalogue } from "../../properties/catalogue.js";
import { familyOf } from "../../properties/families.js";
import { verify } from "../../properties/verify.js";
import { commandCount, preemptionCount } from "../support/verdicts.js";
import type { sessionLanes } from "./support.js";

export type Lanes = Awaited<ReturnType<typeof sessionLanes>>;

/** The shrunk counterexample of a known-broken design, as observed stable over several seeds. */
export interface ShrunkSize {
  readonly commands: number;
  readonly preemptions: number;
}

const SEED = 20_240_601;
/** Runs per check: enough for every broken design to fail at this seed, few enough for CI on two cores. */
const RUNS: Readonly<Record<Mode, number>> = { sequential: 25, concurrent: 50 };

/**
 * Checks every MariaDB design of `family` in the catalogue on each of its scenarios, in both modes
 * at a fixed seed: the verdict the catalogue promises and, for every violation, exactly the shrunk
 * size `shrunk[design]` states (which every known-broken design must state).
 */
export const verifyCatalogueOnMariadb = (family: string, inLane: Lanes, shrunk: Readonly<Record<string, ShrunkSize>>): void => {
  const scenarios = familyOf(family)?.scenarios ?? [];
  const designs = catalogue.filter((entry) => entry.implementation.family === family && entry.implementation.backend === "mariadb");
  const cells = designs
    .flatMap((entry) => scenarios.filter((scenario) => entry.scenarios?.includes(scenario.name) ?? true).map((scenario) => ({ scenario, ...entry })))
    .flatMap((cell) => (["sequential", "concurrent"] as const).map((mode: Mode) => ({ ...cell, mode, name: `${cell.scenario.name} · ${cell.implementation.name} · ${mode}` })));

  test("the family has MariaDB designs, a broken one among them", () => {
    expect(designs.length).toBeGreaterThan(1);
    expect(designs.some(({ expected }) => expected.concurrent === "violated")).toBe(true);
  });

  describe.concurrent(`${family} on MariaDB`, () => {
    test.each(cells)("$name", async ({ scenario, implementation, expected, mode }) => {
      const verdict = await inLane((session) => verify(scenario, implementation, session, { mode, seed: SEED, numRuns: RUNS[mode] }));
      expect(verdict.status, verdictReport(verdict, "")).toBe(expected[mode]);
      if (verdict.status !== "violated") return;
      expect(shrunk[implementation.name], `state the shrunk size of ${implementation.name}`).toBeDefined();
      expect({ commands: commandCount(verdict), preemptions: preemptionCount(verdict) }, verdictReport(verdict, "")).toEqual(shrunk[implementation.name]);
    });
  });
};
