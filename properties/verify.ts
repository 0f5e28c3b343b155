import type { BackendSession } from "../engine/backend.js";
import { check, type Mode, type Verdict } from "../engine/random/check.js";
import type { Strategy } from "../engine/schedule/strategy.js";
import type { AnyImplementation } from "../engine/implementation.js";
import type { AnyScenario } from "../engine/reference-model.js";
import { backendNamed } from "../backends/index.js";
import { familyOf } from "./families.js";

export interface VerifyOptions {
  readonly mode: Mode;
  /** How concurrent runs are interleaved (default `preemptions`). */
  readonly strategy?: Strategy;
  readonly numRuns?: number;
  readonly seed?: number;
  readonly path?: string;
  readonly timeLimitMs?: number;
  readonly onProgress?: (runs: number) => void;
}

/**
 * Checks one implementation on one scenario of its family, on an already started backend session:
 * the same properties for every backend, with the backend's defaults for runs and time limits.
 */
export const verify = async (scenario: AnyScenario, implementation: AnyImplementation, session: BackendSession, options: VerifyOptions): Promise<Verdict> => {
  const family = familyOf(implementation.family);
  if (family === undefined) throw new Error(`implementation ${implementation.name} names an unknown family "${implementation.family}"`);
  if (scenario.model.family !== family.name) throw new Error(`scenario ${scenario.name} belongs to family ${scenario.model.family}, not ${family.name}`);
  const backend = backendNamed(implementation.backend);
  return check(scenario, implementation, family.commands(scenario.config), {
    mode: options.mode,
    numRuns: options.numRuns ?? backend?.defaultRuns ?? 100,
    timeLimitMs: options.timeLimitMs ?? backend?.timeLimitMs ?? 5_000,
    ...(options.strategy === undefined ? {} : { strategy: options.strategy }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.path === undefined ? {} : { path: options.path }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(session.environment === undefined ? {} : { environment: session.environment }),
    ...(session.probe === undefined ? {} : { probe: session.probe }),
  });
};
