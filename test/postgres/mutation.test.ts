import { describe, expect, test } from "vitest";
import { verdictReport } from "../../engine/report/verdict-text.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import { verify } from "../../properties/verify.js";
import { postgresMutants } from "../mutation/postgres-mutants.js";
import { sessionLanes } from "./support.js";

const lanes = await sessionLanes(3);
const SEEDS = [1, 2, 3];

/**
 * Concurrency mistakes on PostgreSQL, derived from the correct row-lock design: each must be caught
 * on every seed at the backend's default settings, the ones behind harmless statements included.
 */
describe.concurrent("PostgreSQL mutants, at the default settings", () => {
  test.each(postgresMutants.map((mutant) => ({ mutant, name: mutant.implementation.name })))(
    "$name is caught on every seed",
    { timeout: 240_000 },
    async ({ mutant }) => {
      for (const seed of SEEDS) {
        // Caught or not is decided before shrinking, which on a server costs more than the search.
        const verdict = await lanes((session) => verify(lampSocket, mutant.implementation, session, { mode: "concurrent", seed, shrink: false }));
        expect(verdict.status, `${mutant.mistake}, seed ${seed}: ${verdictReport(verdict, "")}`).toBe("violated");
      }
    },
  );
});
