import type { BackendSession } from "../engine/backend.js";
import { prove, type ProofSearch, type ProofVerdict } from "../engine/exhaustive/proof.js";
import type { AnyImplementation } from "../engine/implementation.js";
import type { AnyScenario } from "../engine/reference-model.js";
import { familyOf } from "./families.js";
import { type SessionRunOptions, sessionSettings } from "./verify.js";

/** Exhaustive mode's options: what the search covers, and run settings (the backend supplies the time limit unless given). */
export interface ExhaustiveOptions extends ProofSearch, SessionRunOptions {}

/** The family's proof domain for a scenario, or undefined when the family declares none. */
export const proofDomain = (scenario: AnyScenario): ReadonlyArray<unknown> | undefined =>
  familyOf(scenario.model.family)?.proofCommands?.(scenario.config, scenario.start?.commands);

/**
 * Explores every interleaving of every program over the family's proof domain for one scenario, on
 * an already started backend session: a proof, a minimal counterexample, or an honest "incomplete".
 */
export const verifyExhaustively = async (
  scenario: AnyScenario,
  implementation: AnyImplementation,
  session: BackendSession,
  options: ExhaustiveOptions = {},
): Promise<ProofVerdict> => {
  if (scenario.model.family !== implementation.family)
    throw new Error(`scenario ${scenario.name} belongs to family ${scenario.model.family}, not ${implementation.family}`);
  const commands = proofDomain(scenario);
  if (commands === undefined)
    throw new Error(`family ${scenario.model.family} declares no proof domain (Family.proofCommands), so it cannot be verified exhaustively`);
  const { shape, preemptionBound, reduction, budget, notCovered, shard, explorer, ...run } = options;
  const gaps = notCovered ?? familyOf(scenario.model.family)?.proofGaps?.(scenario.config);
  return prove(scenario, implementation, commands, {
    shape,
    preemptionBound,
    reduction,
    budget,
    notCovered: gaps,
    shard,
    explorer,
    ...sessionSettings(implementation, session, run),
  });
};
