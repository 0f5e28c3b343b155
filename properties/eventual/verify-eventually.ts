import { type EventualVerdict, checkEventually } from "../../engine/eventual/check.js";
import { type AnyEventualImplementation, handlesCommand } from "../../engine/eventual/port.js";
import { DEFAULT_SETTLE_STEPS } from "../../engine/eventual/run.js";
import type { Mode } from "../../engine/random/case.js";
import type { AnyScenario } from "../../engine/reference-model.js";
import type { BackendSession } from "../../engine/backend.js";
import { backendNamed } from "../../backends/index.js";
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
  /** The started session of the design's backend; required for any backend but memory. */
  readonly session?: BackendSession;
}

/**
 * Checks an eventually-consistent design on one scenario of its family in random mode: the family's
 * commands as requests, with faults and the engine's delivery decisions. A design on PostgreSQL runs
 * on `session`, which lends each run its pools, tells lock waits apart and ends a crashed handler's
 * connection.
 */
export const verifyEventually = (
  scenario: AnyScenario,
  implementation: AnyEventualImplementation,
  options: VerifyEventuallyOptions,
): Promise<EventualVerdict> => {
  const family = familyOfImplementation(implementation, options.family);
  if (scenario.model.family !== family.name) throw new Error(`scenario ${scenario.name} belongs to family ${scenario.model.family}, not ${family.name}`);
  const backend = backendNamed(implementation.backend);
  if (backend === undefined) throw new Error(`${implementation.name}: unknown backend "${implementation.backend}"`);
  if (implementation.backend !== "memory" && options.session === undefined)
    throw new Error(`${implementation.name} runs on ${implementation.backend}: pass a started ${implementation.backend} session`);
  const all = family.commands(scenario.config);
  const commands = implementation.handles === undefined ? all : all.filter((command) => handlesCommand(implementation, command));
  return checkEventually(scenario, implementation, commands, {
    mode: options.mode,
    numRuns: options.numRuns ?? 300,
    seed: options.seed,
    path: options.path,
    faults: options.faults ?? true,
    settleSteps: options.settleSteps ?? DEFAULT_SETTLE_STEPS,
    timeLimitMs: options.timeLimitMs ?? backend.timeLimitMs,
    succeeded: succeededIn(family),
    session: options.session,
  });
};
