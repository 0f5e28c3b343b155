import type { BackendSession } from "../engine/backend.js";
import type { Budget } from "../engine/exhaustive/budget.js";
import type { ProgramShape } from "../engine/exhaustive/programs.js";
import { prove, type ProofVerdict } from "../engine/exhaustive/proof.js";
import type { AnyImplementation } from "../engine/implementation.js";
import type { AnyScenario } from "../engine/reference-model.js";
import { backendNamed } from "../backends/index.js";
import { familyOf } from "./families.js";

/** Exhaustive mode's options; the backend supplies the per-execution time limit unless given. */
export interface ExhaustiveOptions {
  /** Which programs (default: prefix of 0–1 commands, then 2–3 concurrent ones). */
  readonly shape?: ProgramShape;
  /** Only interleavings with at most this many preemptions (turns reduction off). */
  readonly preemptionBound?: number;
  /** Sleep-set reduction, default on. */
  readonly reduction?: boolean;
  readonly budget?: Budget;
  readonly timeLimitMs?: number;
  readonly onProgress?: (executions: number) => void;
}

/** The family's proof domain for a scenario, or undefined when the family declares none. */
export const proofDomain = (scenario: AnyScenario): ReadonlyArray<unknown> | undefined => familyOf(scenario.model.family)?.proofCommands?.(scenario.config);

/**
 * Explores every interleaving of every program over the family's proof domain for one scenario, on
 * an already started backend session: a proof, a minimal counterexample, or an honest "incomplete".
 */
export const verifyExhaustively = async (scenario: AnyScenario, implementation: AnyImplementation, session: BackendSession, options: ExhaustiveOptions = {}): Promise<ProofVerdict> => {
  if (scenario.model.family !== implementation.family) throw new Error(`scenario ${scenario.name} belongs to family ${scenario.model.family}, not ${implementation.family}`);
  const commands = proofDomain(scenario);
  if (commands === undefined) throw new Error(`family ${scenario.model.family} declares no proof domain (Family.proofCommands), so it cannot be verified exhaustively`);
  const backend = backendNamed(implementation.backend);
  return prove(scenario, implementation, commands, {
    ...options,
    timeLimitMs: options.timeLimitMs ?? backend?.timeLimitMs ?? 5_000,
    ...(session.environment === undefined ? {} : { environment: session.environment }),
    ...(session.probe === undefined ? {} : { probe: session.probe }),
  });
};
