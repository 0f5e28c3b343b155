import { describe, expect, test } from "vitest";
import type { Mode } from "../../engine/random/check.js";
import { verdictReport } from "../../engine/report/verdict-text.js";
import { assignmentScenarios } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand } from "../../model/assignment/types.js";
import { catalogue } from "../../properties/catalogue.js";
import { verify } from "../../properties/verify.js";
import { commandCount } from "../support/verdicts.js";
import { sessionLanes } from "./support.js";

const inLane = await sessionLanes(3);
const SEED = 20_240_601;
/** Runs per check: enough for every broken design to fail at this seed, few enough for CI on two cores. */
const RUNS: Readonly<Record<Mode, number>> = { sequential: 25, concurrent: 50 };

const cells = catalogue
  .filter(({ implementation }) => implementation.family === "assignment" && implementation.backend === "postgres")
  .flatMap((entry) => assignmentScenarios.filter((scenario) => entry.scenarios?.includes(scenario.name) ?? true).map((scenario) => ({ scenario, ...entry })))
  .flatMap((cell) => (["sequential", "concurrent"] as const).map((mode: Mode) => ({ ...cell, mode, name: `${cell.scenario.name} · ${cell.implementation.name} · ${mode}` })));

describe.concurrent("assignment on PostgreSQL", () => {
  test.each(cells)("$name", async ({ scenario, implementation, expected, mode }) => {
    const verdict = await inLane((session) => verify(scenario, implementation, session, { mode, seed: SEED, numRuns: RUNS[mode] }));
    expect(verdict.status, verdictReport(verdict, "")).toBe(expected[mode]);
    if (implementation.name === "pg-naive-rc" && verdict.status === "violated") {
      // The race needs nothing more than two joins running side by side.
      expect(commandCount(verdict), verdictReport(verdict, "")).toBe(2);
      const branches = verdict.counterexample?.case.branches.filter((branch) => branch.length > 0) ?? [];
      expect(branches.map((branch) => branch.map(({ command }) => (command as AssignmentCommand)._tag))).toEqual([["join"], ["join"]]);
    }
  });
});
