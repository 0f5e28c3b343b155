import type { AnyFamily } from "../properties/define-family.js";
import { familyProblems } from "../properties/family-problems.js";
import { selectedExports, splitExport } from "./load-module.js";
import { UsageError } from "./verify-options.js";

/** What `defineFamily` returns, told apart from a file's other exports (designs, schemas, helpers). */
const looksLikeFamily = (value: unknown): boolean =>
  value !== null && typeof value === "object" && "model" in value && "scenarios" in value && "commands" in value;

/** The families among a file's exports, each checked as `defineFamily` checks it. */
const familiesAmong = (flag: string, file: string, exports: ReadonlyArray<readonly [string, unknown]>): ReadonlyArray<AnyFamily> =>
  exports
    .filter(([, exported]) => looksLikeFamily(exported))
    .map(([name, exported]) => {
      const problems = familyProblems(exported);
      if (problems.length > 0) throw new UsageError(`${flag} ${file}: export "${name}" is not a valid family: ${problems.join("; ")}`);
      return exported as AnyFamily;
    });

/** `--family FILE` or `FILE#export`: the families the file exports (at least one), or the one export named. */
export const loadFamilies = async (value: string): Promise<ReadonlyArray<AnyFamily>> => {
  const { file, exportName } = splitExport(value);
  const exports = await selectedExports("--family", value);
  if (exportName !== undefined && !looksLikeFamily(exports[0]?.[1]))
    throw new UsageError(`--family ${value}: export "${exportName}" is not a family (what defineFamily(model, { scenarios, commands }) returns)`);
  const families = familiesAmong("--family", file, exports);
  if (families.length === 0)
    throw new UsageError(
      `--family ${file}: exports no family (what defineFamily(model, { scenarios, commands }) returns); its exports: ${exports.map(([name]) => name).join(", ") || "none"}`,
    );
  return [...new Set(families)];
};

/** The families a design file (`--impl FILE`) exports beside its designs: none is fine. */
export const familiesExportedBy = async (value: string): Promise<ReadonlyArray<AnyFamily>> => {
  const { file } = splitExport(value);
  return [...new Set(familiesAmong("--impl", file, await selectedExports("--impl", file)))];
};
