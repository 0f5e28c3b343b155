import type { Backend, BackendSession } from "../engine/backend.js";
import type { AnyImplementation } from "../engine/implementation.js";
import { check, type Mode, type Verdict } from "../engine/random/check.js";
import type { AnyScenario } from "../engine/reference-model.js";
import { resolveRunSettings, type RunOptions, type RunSettings } from "../engine/settings.js";
import { backendNamed, backends } from "../backends/index.js";
import type { AnyFamily } from "./define-family.js";
import { familyOf } from "./families.js";

/** Run settings a caller may give on a started session; the session itself lends the runs their lease and probe. */
export type SessionRunOptions = Omit<RunOptions, "beginRun" | "probe">;

/** Random mode's options: the mode, and any run setting (the backend supplies the rest). */
export interface VerifyOptions extends SessionRunOptions {
  readonly mode: Mode;
}

/** The backend an implementation names; throws, naming the known ones, when there is none by that name. */
export const backendOf = (implementation: AnyImplementation): Backend => {
  const backend = backendNamed(implementation.backend);
  if (backend === undefined) throw new Error(`${implementation.name}: unknown backend "${implementation.backend}"; backends: ${backends.map((known) => known.name).join(", ")}`);
  return backend;
};

/** The family an implementation names; throws when there is none by that name. */
export const familyOfImplementation = (implementation: AnyImplementation): AnyFamily => {
  const family = familyOf(implementation.family);
  if (family === undefined) throw new Error(`${implementation.name}: unknown family "${implementation.family}"`);
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
  const family = familyOfImplementation(implementation);
  if (scenario.model.family !== family.name) throw new Error(`scenario ${scenario.name} belongs to family ${scenario.model.family}, not ${family.name}`);
  const { mode, ...run } = options;
  return check(scenario, implementation, family.commands(scenario.config), { ...sessionSettings(implementation, session, run), mode });
};
