import type { EventualVerdict } from "../../engine/eventual/check.js";
import type { AnyEventualImplementation } from "../../engine/eventual/port.js";
import { eventualVerdictReport } from "../../engine/eventual/report.js";
import type { Mode } from "../../engine/random/case.js";
import { backendNamed } from "../../backends/index.js";
import type { AnyFamily } from "../define-family.js";
import { familyOfImplementation } from "../verify.js";
import { verifyEventually } from "./verify-eventually.js";

export interface AssertEventuallyOptions {
  /** The design's family when it is not built in: a team's own, made with `defineFamily` (with its `successes`). */
  readonly family?: AnyFamily;
  readonly scenarios?: ReadonlyArray<string>;
  readonly modes?: ReadonlyArray<Mode>;
  readonly numRuns?: number;
  readonly seed?: number;
  readonly path?: string;
  readonly timeLimitMs?: number;
}

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
  const scenarios = family.scenarios.filter((scenario) => options.scenarios?.includes(scenario.name) ?? true);
  if (scenarios.length === 0) throw new Error(`${implementation.name}: no scenario of family ${family.name} is named ${options.scenarios?.join(", ")}`);
  const modes = options.modes ?? (["sequential", "concurrent"] as const);
  if (options.path !== undefined && (scenarios.length !== 1 || modes.length !== 1))
    throw new Error(`${implementation.name}: path replays one counterexample: name its one scenario and one mode, as the replay printed with it does`);
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
