import { type EventualVerdict, checkEventually } from "../../engine/eventual/check.js";
import type { AnyEventualImplementation } from "../../engine/eventual/port.js";
import { DEFAULT_SETTLE_STEPS } from "../../engine/eventual/run.js";
import type { Mode } from "../../engine/random/case.js";
import type { AnyScenario } from "../../engine/reference-model.js";
import { memoryBackend } from "../../backends/memory.js";
import type { AnyFamily } from "../define-family.js";
import { familyOfImplementation } from "../verify.js";
import { succeededIn } from "./successes.js";

export interface VerifyEventuallyOptions {
  readonly mode: Mode;
  /** Default: 300 runs. */
  readonly numRuns?: number;
  readonly seed?: number;
  readonly path?: string;
  /** Default true: faults are generated with the cases. */
  readonly faults?: boolean;
  /** Steps the settle phase may take; default 1,000. */
  readonly settleSteps?: number;
  readonly timeLimitMs?: number;
  /** The implementation's family when it is not built in: a team's own, made with `defineFamily` (with its `successes`). */
  readonly family?: AnyFamily;
}

/**
 * Checks an eventually-consistent design on one scenario of its family in random mode (memory
 * backend): the family's commands as requests, with faults and the engine's delivery decisions.
 */
export const verifyEventually = (
  scenario: AnyScenario,
  implementation: AnyEventualImplementation,
  options: VerifyEventuallyOptions,
): Promise<EventualVerdict> => {
  const family = familyOfImplementation(implementation, options.family);
  if (scenario.model.family !== family.name) throw new Error(`scenario ${scenario.name} belongs to family ${scenario.model.family}, not ${family.name}`);
  if (implementation.backend !== "memory")
    throw new Error(`${implementation.name}: eventually-consistent designs run in memory only so far, not on ${implementation.backend}`);
  const handles = implementation.handles;
  const tagged = (command: unknown): boolean =>
    typeof command === "object" && command !== null && "_tag" in command && handles?.includes(String(command._tag)) === true;
  const commands = handles === undefined ? family.commands(scenario.config) : family.commands(scenario.config).filter(tagged);
  return checkEventually(scenario, implementation, commands, {
    mode: options.mode,
    numRuns: options.numRuns ?? 300,
    seed: options.seed,
    path: options.path,
    faults: options.faults ?? true,
    settleSteps: options.settleSteps ?? DEFAULT_SETTLE_STEPS,
    timeLimitMs: options.timeLimitMs ?? memoryBackend.timeLimitMs,
    succeeded: succeededIn(family),
  });
};
