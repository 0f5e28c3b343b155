import type fc from "fast-check";
import type { CatalogueEntry } from "../properties/catalogue.js";
import { catalogue } from "../properties/catalogue.js";
import { familyOf } from "../properties/families.js";
import type { AnyImplementation } from "../engine/implementation.js";
import type { AnyScenario } from "../engine/reference-model.js";

/** One design on one scenario of its family, with the commands the harness generates for it. */
export interface Pair {
  readonly scenario: AnyScenario;
  readonly implementation: AnyImplementation;
  readonly commands: fc.Arbitrary<unknown>;
  readonly entry: CatalogueEntry;
}

/** Every catalogue design on `backend` that `select` keeps, on each scenario of its family it names (default: all). */
export const pairsOn = (backend: string, select: (entry: CatalogueEntry) => boolean): ReadonlyArray<Pair> =>
  catalogue
    .filter((entry) => entry.implementation.backend === backend && select(entry))
    .flatMap((entry) => {
      const family = familyOf(entry.implementation.family);
      if (family === undefined) throw new Error(`implementation ${entry.implementation.name} names an unknown family "${entry.implementation.family}"`);
      return family.scenarios
        .filter((scenario) => entry.scenarios === undefined || entry.scenarios.includes(scenario.name))
        .map((scenario) => ({ scenario, implementation: entry.implementation, commands: family.commands(scenario.config), entry }));
    });

/** The known-broken pairs: the harness must find their race in concurrent mode. */
export const knownBrokenPairs = (backend: string): ReadonlyArray<Pair> => pairsOn(backend, (entry) => entry.expected.concurrent === "violated");

/** `lamp-socket · naive`, for progress lines and tables. */
export const pairTitle = (pair: Pair): string => `${pair.scenario.name} · ${pair.implementation.name}`;
