import type { Mode } from "../engine/random/case.js";
import type { AnyFamily } from "./define-family.js";

/** What a call of `assertClaim` asks to check, whatever the design's claim. */
export interface ClaimCheckOptions {
  /** Scenario names of the implementation's family; default: all of them. */
  readonly scenarios?: ReadonlyArray<string>;
  /** Default: both, sequential first. */
  readonly modes?: ReadonlyArray<Mode>;
  /** With `seed`, one scenario and one mode: replays the counterexample a failure reported. */
  readonly path?: string;
}

/** The checks to make: the scenarios asked for, each in the modes asked for. */
export interface ClaimChecks {
  readonly scenarios: AnyFamily["scenarios"];
  readonly modes: ReadonlyArray<Mode>;
}

/**
 * The checks `options` ask of `implementation` in its `family`, resolved once for both kinds of
 * design; throws when no scenario has a name asked for, or when a path would have to serve more than
 * one check.
 */
export const claimChecks = (implementation: { readonly name: string }, family: AnyFamily, options: ClaimCheckOptions): ClaimChecks => {
  const scenarios = family.scenarios.filter((scenario) => options.scenarios?.includes(scenario.name) ?? true);
  if (scenarios.length === 0) throw new Error(`${implementation.name}: no scenario of family ${family.name} is named ${options.scenarios?.join(", ")}`);
  const modes = options.modes ?? (["sequential", "concurrent"] as const);
  // A path is one counterexample's way through one check's random choices; elsewhere it means nothing.
  if (options.path !== undefined && (scenarios.length !== 1 || modes.length !== 1)) {
    throw new Error(`${implementation.name}: path replays one counterexample: name its one scenario and one mode, as the replay printed with it does`);
  }
  return { scenarios, modes };
};
