import type { AnyImplementation } from "../engine/implementation.js";
import type { AnyFamily } from "../properties/define-family.js";
import { clashWithBuiltIn, familyOf, families } from "../properties/families.js";
import { familiesExportedBy, loadFamilies } from "./load-family.js";
import { isImplementationFile } from "./load-implementation.js";
import { splitExport } from "./load-module.js";
import { UsageError, type VerifyFlags } from "./verify-options.js";

/** A team's own family, where it was found, and the `--family` value a replay needs (none when the design file exports it). */
export interface OwnFamily {
  readonly family: AnyFamily;
  readonly source: string;
  readonly argument: string | undefined;
}

/**
 * The team's families for this run: those `--impl` files export beside their designs, then those of
 * `--family` files. A family that takes a built-in's name, or two definitions under one name, are
 * refused: designs, reports and replays name a family by its name alone.
 */
export const loadOwnFamilies = async (flags: VerifyFlags): Promise<ReadonlyArray<OwnFamily>> => {
  const designFiles = flags.implementations.filter(isImplementationFile);
  if (flags.families.length > 0 && designFiles.length === 0)
    throw new UsageError("--family defines a team's family: name the designs that implement it with --impl FILE");
  const found: OwnFamily[] = [];
  for (const value of designFiles) {
    const source = `--impl ${splitExport(value).file}`;
    for (const family of await familiesExportedBy(value)) found.push({ family, source, argument: undefined });
  }
  for (const value of flags.families) for (const family of await loadFamilies(value)) found.push({ family, source: `--family ${value}`, argument: value });
  const own: OwnFamily[] = [];
  for (const entry of found) {
    const clash = clashWithBuiltIn(entry.family);
    if (clash !== undefined) throw new UsageError(`${entry.source}: ${clash}`);
    const same = own.find((known) => known.family.name === entry.family.name);
    if (same === undefined) own.push(entry);
    else if (same.family !== entry.family)
      throw new UsageError(`family "${entry.family.name}" is defined twice, by ${same.source} and by ${entry.source}: keep one definition`);
  }
  return own;
};

/** The family a design implements, among the team's and the built-ins, with the `--family` value that selects it again. */
export const familyOfDesign = (
  implementation: AnyImplementation,
  designArgument: string,
  own: ReadonlyArray<OwnFamily>,
): { readonly family: AnyFamily; readonly familyArgument: string | undefined } => {
  const ours = own.find((entry) => entry.family.name === implementation.family);
  if (ours !== undefined) return { family: ours.family, familyArgument: ours.argument };
  const builtIn = familyOf(implementation.family);
  if (builtIn !== undefined) return { family: builtIn, familyArgument: undefined };
  const design = `design "${implementation.name}" (--impl ${splitExport(designArgument).file}) implements family "${implementation.family}"`;
  const builtIns = `built-in: ${families.map((family) => family.name).join(", ")}`;
  if (own.length === 0)
    throw new UsageError(
      `${design}, which is not built in (${builtIns}): export its family from the design file, or name the file that defines it with --family FILE`,
    );
  const defined = own.map((entry) => `${entry.family.name} (${entry.source})`).join(", ");
  throw new UsageError(`${design}, which no file given defines (they define: ${defined}) and which is not built in (${builtIns})`);
};

/** A `--family` file none of whose families a selected design implements is a mistake worth a word, not a silent no-op. */
export const checkOwnFamiliesUsed = (own: ReadonlyArray<OwnFamily>, designs: ReadonlyArray<AnyImplementation>): void => {
  for (const argument of new Set(own.map((entry) => entry.argument))) {
    if (argument === undefined) continue;
    const defined = own.filter((entry) => entry.argument === argument).map((entry) => entry.family.name);
    if (!designs.some((design) => defined.includes(design.family)))
      throw new UsageError(`--family ${argument}: defines ${defined.map((name) => `"${name}"`).join(", ")}, which no design of the --impl files implements`);
  }
};
