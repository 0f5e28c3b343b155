import type { Mode, Verdict } from "../engine/random/check.js";
import type { AnyImplementation } from "../engine/implementation.js";
import { verdictReport } from "../engine/report/verdict-text.js";
import { backendOf, familyOfImplementation, verify } from "./verify.js";

export interface AssertClaimOptions {
  /** Scenario names of the implementation's family; default: all of them. */
  readonly scenarios?: ReadonlyArray<string>;
  readonly modes?: ReadonlyArray<Mode>;
  readonly numRuns?: number;
  readonly seed?: number;
}

/**
 * Verifies a team's implementation on every scenario of its family and throws, with the full
 * counterexample report, unless every check passes. Meant for a test in the team's own suite:
 * `test("our design keeps its invariant", () => assertClaim(ourDesign))`.
 */
export const assertClaim = async (implementation: AnyImplementation, options: AssertClaimOptions = {}): Promise<ReadonlyArray<Verdict>> => {
  const family = familyOfImplementation(implementation);
  const backend = backendOf(implementation);
  const scenarios = family.scenarios.filter((scenario) => options.scenarios?.includes(scenario.name) ?? true);
  if (scenarios.length === 0) throw new Error(`${implementation.name}: no scenario of family ${family.name} is named ${options.scenarios?.join(", ")}`);
  const session = await backend.start();
  try {
    const verdicts: Verdict[] = [];
    for (const scenario of scenarios) {
      for (const mode of options.modes ?? (["sequential", "concurrent"] as const)) {
        const verdict = await verify(scenario, implementation, session, { mode, numRuns: options.numRuns, seed: options.seed });
        if (verdict.status !== "passed") {
          throw new Error(`${implementation.name} does not keep its claim (${implementation.claim}):\n${verdictReport(verdict, `seed ${verdict.counterexample?.seed ?? verdict.seed}, path ${verdict.counterexample?.path ?? "-"}`)}`);
        }
        verdicts.push(verdict);
      }
    }
    return verdicts;
  } finally {
    await session.stop();
  }
};
