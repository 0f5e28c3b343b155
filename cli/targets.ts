import type { Mode } from "../engine/random/check.js";
import type { AnyImplementation } from "../engine/implementation.js";
import type { AnyScenario } from "../engine/reference-model.js";
import { backends } from "../backends/index.js";
import { catalogue, type CatalogueEntry, eventualCatalogue, type Expected } from "../properties/catalogue.js";
import type { AnyFamily } from "../properties/define-family.js";
import { allScenarios } from "../properties/families.js";
import { isImplementationFile, loadImplementations } from "./load-implementation.js";
import { checkOwnFamiliesUsed, familyOfDesign, loadOwnFamilies } from "./own-families.js";
import { namesEventualDesign } from "./verify-eventual.js";
import { UsageError, type VerifyFlags } from "./verify-options.js";

/** One cell of the matrix: a design on one scenario, with the verdicts it must get if it is ours. */
export interface Target {
  readonly scenario: AnyScenario;
  readonly implementation: AnyImplementation;
  /** The `--impl` value that selects it again in a replay command. */
  readonly implementationArgument: string;
  /** Its family: a built-in one, or a team's own. */
  readonly family: AnyFamily;
  /** The `--family` value a replay needs too: a team's family the design file does not export itself. */
  readonly familyArgument: string | undefined;
  /** Built-in designs have known verdicts; a team's design must satisfy its claim. */
  readonly expected: Readonly<Record<Mode, Expected>>;
  readonly builtIn: boolean;
}

const claimHolds = { sequential: "passed", concurrent: "passed" } as const;

const oneOf = (what: string, value: string, valid: ReadonlyArray<string>): UsageError =>
  new UsageError(`unknown ${what} "${value}"; valid ${what}s: ${[...new Set(valid)].join(", ")}`);

/**
 * Resolves the `--scenario`, `--impl`, `--family` and `--backend` filters into the matrix to verify.
 * `eventual`: how many eventually-consistent checks the filters select besides (see
 * `verify-eventual.ts`); with some, an empty linearizable matrix is no mistake.
 */
export const selectTargets = async (flags: VerifyFlags, eventual = 0): Promise<ReadonlyArray<Target>> => {
  const own = await loadOwnFamilies(flags);
  const scenarioNames = [...allScenarios, ...own.flatMap((entry) => entry.family.scenarios)].map((scenario) => scenario.name);
  for (const name of flags.backends) {
    if (!backends.some((backend) => backend.name === name))
      throw oneOf(
        "backend",
        name,
        backends.map((backend) => backend.name),
      );
  }
  for (const name of flags.scenarios) {
    if (!scenarioNames.includes(name)) throw oneOf("scenario", name, scenarioNames);
  }
  const designs: Array<{
    implementation: AnyImplementation;
    argument: string;
    expected: Readonly<Record<Mode, Expected>>;
    builtIn: boolean;
    scenarios?: ReadonlyArray<string>;
  }> = [];
  const fromCatalogue = (entry: CatalogueEntry, argument: string) => ({ ...entry, argument, builtIn: true });
  if (flags.implementations.length === 0) designs.push(...catalogue.map((entry) => fromCatalogue(entry, entry.implementation.name)));
  for (const value of flags.implementations) {
    if (isImplementationFile(value)) {
      for (const implementation of new Set(await loadImplementations(value)))
        designs.push({ implementation, argument: value, expected: claimHolds, builtIn: false });
      continue;
    }
    const entries = catalogue.filter((entry) => entry.implementation.name === value);
    if (entries.length === 0 && namesEventualDesign(value)) continue;
    if (entries.length === 0)
      throw oneOf(
        "implementation",
        value,
        [...catalogue, ...eventualCatalogue].map((entry) => entry.implementation.name),
      );
    designs.push(...entries.map((entry) => fromCatalogue(entry, value)));
  }
  checkOwnFamiliesUsed(
    own,
    designs.map((design) => design.implementation),
  );
  const targets: Target[] = [];
  for (const { implementation, argument, expected, builtIn, scenarios } of designs) {
    if (flags.backends.length > 0 && !flags.backends.includes(implementation.backend)) continue;
    if (!backends.some((backend) => backend.name === implementation.backend))
      throw oneOf(
        "backend",
        implementation.backend,
        backends.map((backend) => backend.name),
      );
    const { family, familyArgument } = familyOfDesign(implementation, argument, own);
    for (const scenario of family.scenarios) {
      if (flags.scenarios.length > 0 && !flags.scenarios.includes(scenario.name)) continue;
      if (scenarios !== undefined && !scenarios.includes(scenario.name)) continue;
      targets.push({ scenario, implementation, implementationArgument: argument, family, familyArgument, expected, builtIn });
    }
  }
  if (targets.length === 0 && eventual === 0)
    throw new UsageError("the filters select nothing to verify: no selected design implements a selected scenario on a selected backend");
  return targets;
};
