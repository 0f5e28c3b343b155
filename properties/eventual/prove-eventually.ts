import type { BackendSession } from "../../engine/backend.js";
import type { Budget } from "../../engine/exhaustive/budget.js";
import { type AnyEventualImplementation, handlesCommand } from "../../engine/eventual/port.js";
import { type EventualProofBound, type EventualProofVerdict, proveEventually } from "../../engine/eventual/proof.js";
import { DEFAULT_SETTLE_STEPS } from "../../engine/eventual/run.js";
import type { AnyScenario } from "../../engine/reference-model.js";
import { backendNamed } from "../../backends/index.js";
import { familyOf } from "../families.js";
import { proofDomain } from "../verify-exhaustively.js";
import { succeededIn } from "./successes.js";

export interface ProveEventuallyOptions {
  /** Requests, prefix and faults per run; default `DEFAULT_EVENTUAL_BOUND`. */
  readonly bound?: EventualProofBound;
  readonly budget?: Budget;
  /** The requests to combine, instead of the family's whole proof domain (which may be too large to cover); stated in the verdict. */
  readonly commands?: ReadonlyArray<unknown>;
  readonly settleSteps?: number;
  readonly timeLimitMs?: number;
  /** The started session of the design's backend (memory: optional; it lets the event loop turn between runs). */
  readonly session?: BackendSession;
  readonly onProgress?: (executions: number) => void;
}

/** The family's proof domain for the scenario, without the requests the design does not handle. */
export const eventualProofDomain = (scenario: AnyScenario, implementation: AnyEventualImplementation): ReadonlyArray<unknown> | undefined => {
  return proofDomain(scenario)?.filter((command) => handlesCommand(implementation, command));
};

/**
 * Proof mode for an eventually-consistent design on one scenario of its family: every program of
 * requests over the family's proof domain within the bound, every set of faults up to the bound at
 * every place it can strike, every delivery order. Verified, or the smallest counterexample.
 */
export const proveEventualDesign = (
  scenario: AnyScenario,
  implementation: AnyEventualImplementation,
  options: ProveEventuallyOptions = {},
): Promise<EventualProofVerdict> => {
  const family = familyOf(implementation.family);
  if (family === undefined) throw new Error(`${implementation.name}: unknown family "${implementation.family}"`);
  if (scenario.model.family !== family.name) throw new Error(`scenario ${scenario.name} belongs to family ${scenario.model.family}, not ${family.name}`);
  const backend = backendNamed(implementation.backend);
  if (backend === undefined) throw new Error(`${implementation.name}: unknown backend "${implementation.backend}"`);
  if (implementation.backend !== "memory" && options.session === undefined)
    throw new Error(`${implementation.name} runs on ${implementation.backend}: pass a started ${implementation.backend} session`);
  const commands = options.commands ?? eventualProofDomain(scenario, implementation);
  if (commands === undefined || commands.length === 0)
    throw new Error(`family ${family.name} declares no proof domain (Family.proofCommands) for ${implementation.name}, so it cannot be verified exhaustively`);
  return proveEventually(scenario, implementation, commands, {
    ...(options.bound === undefined ? {} : { bound: options.bound }),
    ...(options.budget === undefined ? {} : { budget: options.budget }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    notCovered: family.proofGaps?.(scenario.config),
    settleSteps: options.settleSteps ?? DEFAULT_SETTLE_STEPS,
    timeLimitMs: options.timeLimitMs ?? backend.timeLimitMs,
    succeeded: succeededIn(family),
    session: options.session,
  });
};
