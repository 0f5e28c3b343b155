import type { EventualVerdict } from "../../engine/eventual/check.js";
import type { AnyEventualImplementation } from "../../engine/eventual/port.js";
import { eventualVerdictReport } from "../../engine/eventual/report.js";
import { backendNamed } from "../../backends/index.js";
import type { AssertClaimOptions } from "../assert-claim.js";
import { claimChecks, familyOfImplementation } from "../verify.js";
import { verifyEventually } from "./verify-eventually.js";

/** The options of `assertClaim` that apply to an eventually-consistent design. */
export type AssertEventuallyOptions = Pick<AssertClaimOptions, "family" | "scenarios" | "modes" | "numRuns" | "seed" | "path" | "timeLimitMs">;

/** Whether a design is an eventually-consistent one (its commands are requests, settled through the port). */
export const isEventualDesign = (implementation: { readonly claim: string }): implementation is AnyEventualImplementation =>
  implementation.claim === "eventually-consistent" && "keeps" in implementation;

const replayCall = (verdict: EventualVerdict): string => {
  const example = verdict.counterexample;
  const options = [
    `scenarios: [${JSON.stringify(verdict.scenario)}]`,
    `modes: [${JSON.stringify(verdict.mode)}]`,
    `seed: ${example?.seed ?? verdict.seed}`,
    ...(example === undefined ? [] : [`path: ${JSON.stringify(example.path)}`]),
  ];
  return `assertClaim(design, { ${options.join(", ")} })`;
};

/**
 * `assertClaim` for an eventually-consistent design: random mode on every scenario of its family,
 * faults included, on a session of its backend; throws with the counterexample report and the call
 * that replays it (faults and all) unless every check passes.
 */
export const assertEventually = async (
  implementation: AnyEventualImplementation,
  options: AssertEventuallyOptions,
): Promise<ReadonlyArray<EventualVerdict>> => {
  const family = familyOfImplementation(implementation, options.family);
  const backend = backendNamed(implementation.backend);
  if (backend === undefined) throw new Error(`${implementation.name}: unknown backend "${implementation.backend}"`);
  const { scenarios, modes } = claimChecks(implementation, family, options);
  const session = await backend.start();
  try {
    const verdicts: EventualVerdict[] = [];
    for (const scenario of scenarios) {
      for (const mode of modes) {
        const verdict = await verifyEventually(scenario, implementation, {
          mode,
          family: options.family,
          numRuns: options.numRuns ?? backend.defaultRuns,
          seed: options.seed,
          path: options.path,
          timeLimitMs: options.timeLimitMs,
          session,
        });
        if (verdict.status !== "passed") {
          const replay = replayCall(verdict);
          const report =
            verdict.counterexample === undefined ? `${eventualVerdictReport(verdict, replay)}\n  replay: ${replay}` : eventualVerdictReport(verdict, replay);
          throw new Error(`${implementation.name} does not keep its claim (${implementation.claim}):\n${report}`);
        }
        verdicts.push(verdict);
      }
    }
    return verdicts;
  } finally {
    await session.stop();
  }
};
