import type { BackendSession } from "../engine/backend.js";
import { prove, type ProofSearch, type ProofVerdict } from "../engine/exhaustive/proof.js";
import type { AnyImplementation } from "../engine/implementation.js";
import type { AnyScenario } from "../engine/reference-model.js";
import type { AnyFamily } from "./define-family.js";
import { familyOf } from "./families.js";
import { familyOfImplementation, type SessionRunOptions, sessionSettings } from "./verify.js";

/** Exhaustive mode's options: what the search covers, and run settings (the backend supplies the time limit unless given). */
export interface ExhaustiveOptions extends ProofSearch, SessionRunOptions {
  /** The implementation's family when it is not built in: a team's own, made with `defineFamily`. */
  readonly family?: AnyFamily;
}

/** The family's proof domain for a scenario (default: the built-in family of the scenario's model), or undefined when it declares none. */
export const proofDomain = (scenario: AnyScenario, family: AnyFamily | undefined = familyOf(scenario.model.family)): ReadonlyArray<unknown> | undefined =>
  family?.proofCommands?.(scenario.config, scenario.start?.commands);

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
  const family = familyOfImplementation(implementation, options.family);
  if (scenario.model.family !== family.name) throw new Error(`scenario ${scenario.name} belongs to family ${scenario.model.family}, not ${family.name}`);
  const commands = proofDomain(scenario, family);
  if (commands === undefined) throw new Error(`family ${family.name} declares no proof domain (Family.proofCommands), so it cannot be verified exhaustively`);
  const { shape, preemptionBound, reduction, budget, notCovered, shard, explorer, ...run } = options;
  const gaps = notCovered ?? family.proofGaps?.(scenario.config);
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
