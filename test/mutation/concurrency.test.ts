import { describe, expect, test } from "vitest";
import { memoryBackend } from "../../backends/memory.js";
import { verdictReport } from "../../engine/report/verdict-text.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import { verify } from "../../properties/verify.js";
import { assignmentConcurrencyMutants, type ClassifiedMutant, secondCommandMutants } from "./concurrency-mutants.js";

const session = await memoryBackend.start();
const SEEDS = [1, 2, 3];

const cases = [...assignmentConcurrencyMutants, ...secondCommandMutants.filter(({ family }) => family === "assignment")]
  .map((mutant) => ({ scenario: lampSocket, mutant }))
  .map((cell) => ({ ...cell, name: `${cell.mutant.mistakeClass} · ${cell.mutant.implementation.name}` }));

/**
 * Concurrency mistakes teams make, derived from correct designs: each must be caught in concurrent
 * mode at the default settings (the backend's runs, the default strategy) on every seed, and be
 * correct sequentially, so that only the interleaving search can catch it.
 */
describe("concurrency mutants, at the default settings", () => {
  test.each(cases)("$name is caught on every seed", async ({ scenario, mutant }: { scenario: typeof lampSocket; mutant: ClassifiedMutant }) => {
    for (const seed of SEEDS) {
      const verdict = await verify(scenario, mutant.implementation, session, { mode: "concurrent", seed });
      expect(verdict.status, `${mutant.mistake}, seed ${seed}: ${verdictReport(verdict, "")}`).toBe("violated");
    }
    const sequential = await verify(scenario, mutant.implementation, session, { mode: "sequential", seed: SEEDS[0], numRuns: 100 });
    expect(sequential.status, `${mutant.mistake} is a concurrency mistake: ${verdictReport(sequential, "")}`).toBe("passed");
  });
});
