import { describe, expect, test } from "vitest";
import { memoryBackend } from "../../backends/memory.js";
import type { AnyScenario } from "../../engine/reference-model.js";
import { verdictReport } from "../../engine/report/verdict-text.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import { bankTransfer } from "../../model/bank-transfer/scenarios.js";
import { verify } from "../../properties/verify.js";
import { assignmentConcurrencyMutants, type ClassifiedMutant, secondCommandMutants } from "./concurrency-mutants.js";

const session = await memoryBackend.start();
/** Seeds every mutant must be caught from; the bench measures thirty (BENCHMARKS.md, "Mutation testing"). */
const SEEDS = [1, 2, 3, 4, 5];

const scenarioOf = (mutant: ClassifiedMutant): AnyScenario => (mutant.implementation.family === "bank-transfer" ? bankTransfer : lampSocket);

const cases = [...assignmentConcurrencyMutants, ...secondCommandMutants].map((mutant) => ({
  scenario: scenarioOf(mutant),
  mutant,
  name: `${mutant.mistakeClass} · ${mutant.implementation.name}`,
}));

/**
 * Concurrency mistakes teams make, derived from correct designs: each must be caught in concurrent
 * mode at the default settings (the backend's runs, the default strategy, shrinking on) on every
 * seed, and be correct sequentially, so that only the interleaving search can catch it.
 */
describe("concurrency mutants, at the default settings", () => {
  // The bank's mutant can take a thousand runs per seed, and shrinking after each: longer than a test's default 30 s on a busy machine.
  test.each(cases)("$name is caught on every seed", { timeout: 180_000 }, async ({ scenario, mutant }: { scenario: AnyScenario; mutant: ClassifiedMutant }) => {
    for (const seed of SEEDS) {
      const verdict = await verify(scenario, mutant.implementation, session, { mode: "concurrent", seed });
      expect(verdict.status, `${mutant.mistake}, seed ${seed}: ${verdictReport(verdict, "")}`).toBe("violated");
    }
    const sequential = await verify(scenario, mutant.implementation, session, { mode: "sequential", seed: SEEDS[0], numRuns: 100 });
    expect(sequential.status, `${mutant.mistake} is a concurrency mistake: ${verdictReport(sequential, "")}`).toBe("passed");
  });
});
