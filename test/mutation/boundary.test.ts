import { describe, expect, test } from "vitest";
import { memoryBackend } from "../../backends/memory.js";
import type { AnyScenario } from "../../engine/reference-model.js";
import { verdictReport } from "../../engine/report/verdict-text.js";
import { clubMembership } from "../../model/assignment/scenarios.js";
import { overbookingMargin } from "../../model/flight-booking/scenarios.js";
import { exactBalance } from "../../model/bank-transfer/scenarios.js";
import { verify } from "../../properties/verify.js";
import { commandCount } from "../support/verdicts.js";
import { assignmentBoundaryMutants, bankBoundaryMutants, flightBoundaryMutants, type Mutant } from "./boundary-mutants.js";

const session = await memoryBackend.start();
const SEEDS = [1, 2, 3, 4, 5];

const cases = [
  ...assignmentBoundaryMutants.map((mutant) => ({ scenario: clubMembership, mutant })),
  ...flightBoundaryMutants.map((mutant) => ({ scenario: overbookingMargin, mutant })),
  ...bankBoundaryMutants.map((mutant) => ({ scenario: exactBalance, mutant })),
].map((cell) => ({ ...cell, name: `${cell.scenario.name} · ${cell.mutant.implementation.name}` }));

/**
 * A boundary mistake is one command away from a seeded starting state, so the harness must catch it
 * at its default settings on every seed, sequentially, and shrink it to that single command, or to
 * none when the mistake already shows on the way to the starting state (a flight without its margin
 * cannot sell the 21st and 22nd tickets of a full 20-seat flight).
 */
describe("boundary mutants, from a starting state near the limits", () => {
  test.each(cases)("$name is caught within one command", async ({ scenario, mutant }: { scenario: AnyScenario; mutant: Mutant }) => {
    for (const seed of SEEDS) {
      const verdict = await verify(scenario, mutant.implementation, session, { mode: "sequential", seed });
      expect(verdict.status, `${mutant.mistake}, seed ${seed}`).toBe("violated");
      expect(commandCount(verdict), verdictReport(verdict, "")).toBeLessThanOrEqual(1);
    }
  });

  test("the report names the starting state in one line instead of its commands", async () => {
    const mutant = flightBoundaryMutants.find(({ mistake }) => mistake === "20% instead of 10%");
    const verdict = await verify(overbookingMargin, mutant!.implementation, session, { mode: "sequential", seed: 1 });
    const report = verdictReport(verdict, "");
    expect(report).toContain(`from: ${overbookingMargin.start?.summary}`);
    expect(report).not.toContain("book(f20, s1)");
    expect(commandCount(verdict)).toBe(1);
  });

  test("a mistake that shows on the way to the starting state is reported there, every step shown", async () => {
    const mutant = flightBoundaryMutants.find(({ mistake }) => mistake === "margin forgotten");
    const verdict = await verify(overbookingMargin, mutant!.implementation, session, { mode: "sequential", seed: 1 });
    const report = verdictReport(verdict, "");
    expect(report).toContain("(not reached: the failure happened on the way there)");
    expect(report).toContain("book(f20, s21)");
    expect(commandCount(verdict)).toBe(0);
  });
});
