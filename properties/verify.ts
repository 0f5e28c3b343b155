import type { Backend, BackendSession } from "../engine/backend.js";
import type { AnyImplementation } from "../engine/implementation.js";
import { check, type Mode, type Verdict } from "../engine/random/check.js";
import type { AnyScenario } from "../engine/reference-model.js";
import { resolveRunSettings, type RunOptions, type RunSettings } from "../engine/settings.js";
import { backendNamed, backends } from "../backends/index.js";
import type { AnyFamily } from "./define-family.js";
import { clashWithBuiltIn, familyOf, families } from "./families.js";

/** Run settings a caller may give on a started session; the session itself lends the runs their lease and probe. */
export type SessionRunOptions = Omit<RunOptions, "beginRun" | "probe">;

/** Random mode's options: the mode, and any run setting (the backend supplies the rest). */
export interface VerifyOptions extends SessionRunOptions {
  readonly mode: Mode;
  /** The implementation's family when it is not built in: a team's own, made with `defineFamily`. */
  readonly family?: AnyFamily;
}

/** The backend an implementation names; throws, naming the known ones, when there is none by that name. */
export const backendOf = (implementation: AnyImplementation): Backend => {
  const backend = backendNamed(implementation.backend);
  if (backend === undefined)
    throw new Error(`${implementation.name}: unknown backend "${implementation.backend}"; backends: ${backends.map((known) => known.name).join(", ")}`);
  return backend;
};

/**
 * The family an implementation names: the one handed in with it (a team's own), or the built-in one
 * of that name. Throws, saying what to pass, when there is none by that name or the two disagree.
 */
export const familyOfImplementation = (implementation: Pick<AnyImplementation, "name" | "family">, given?: AnyFamily): AnyFamily => {
  if (given !== undefined) {
    if (given.name !== implementation.family)
      throw new Error(`${implementation.name} implements family "${implementation.family}", but the family handed in with it is "${given.name}"`);
    const clash = clashWithBuiltIn(given);
    if (clash !== undefined) throw new Error(`${implementation.name}: ${clash}`);
    return given;
  }
  const family = familyOf(implementation.family);
  if (family === undefined)
    throw new Error(
      `${implementation.name}: family "${implementation.family}" is not built in (${families.map((known) => known.name).join(", ")}); hand in its definition with the design: { family: <the result of defineFamily> }`,
    );
  return family;
};

/** Settings for runs of `implementation` on a started session of its backend: the caller's, then the backend's defaults. */
export const sessionSettings = (implementation: AnyImplementation, session: BackendSession, options: SessionRunOptions = {}): RunSettings =>
  resolveRunSettings(backendOf(implementation), { ...options, beginRun: session.beginRun, probe: session.probe });

/**
 * Checks one implementation on one scenario of its family, on an already started backend session:
 * the same properties for every backend, with the backend's defaults for runs and time limits.
 */
export const verify = async (scenario: AnyScenario, implementation: AnyImplementation, session: BackendSession, options: VerifyOptions): Promise<Verdict> => {
  const family = familyOfImplementation(implementation, options.family);
  if (scenario.model.family !== family.name) throw new Error(`scenario ${scenario.name} belongs to family ${scenario.model.family}, not ${family.name}`);
  const { mode, ...run } = options;
  return check(scenario, implementation, family.commands(scenario.config), { ...sessionSettings(implementation, session, run), mode });
};

/** A verdict with the number of `step()` calls its runs took: none means the harness never saw the design pause. */
export interface ObservedVerdict {
  readonly verdict: Verdict;
  readonly steps: number;
}

/** {@link verify}, counting the steps of every run it makes (shrinking included), for {@link unseenStepsWarning}. */
export const verifyObserved = async (
  scenario: AnyScenario,
  implementation: AnyImplementation,
  session: BackendSession,
  options: VerifyOptions,
): Promise<ObservedVerdict> => {
  let steps = 0;
  const verdict = await verify(scenario, implementation, session, {
    ...options,
    onRun: (execution, testCase) => {
      steps += execution.history.timeline.filter((event) => event.kind === "step").length;
      options.onRun?.(execution, testCase);
    },
  });
  return { verdict, steps };
};

/**
 * A concurrent pass by a design that never called `step()` is no evidence: each of its commands ran
 * without a pause, so no interleaving was ever tried. Undefined otherwise.
 */
export const unseenStepsWarning = ({ verdict, steps }: ObservedVerdict): string | undefined =>
  verdict.mode === "concurrent" && verdict.status === "passed" && steps === 0
    ? `${verdict.implementation.name} on ${verdict.scenario} (${verdict.mode}): no step() was called in ${verdict.runs} runs, so every command ran without a pause and no interleaving was tried; route every await on shared state through step()`
    : undefined;

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
