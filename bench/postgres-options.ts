import { parseArgs } from "node:util";
import { BenchUsageError } from "./options.js";

/** Printed by `bench --help`, under the other flags. */
export const postgresUsage = [
  "  --no-postgres  skip the PostgreSQL section (it starts an embedded server, or uses DATABASE_URL when set)",
  "  --no-proof     skip the proof-mode section (proofs and strategies over every known race: about 13 minutes)",
].join("\n");

/**
 * Takes a `--no-<section>` flag out of the bench's arguments and leaves the rest to `parseBenchFlags`,
 * which rejects anything it does not know. Throws {@link BenchUsageError} when the flag is given a value.
 */
export const takeSkipFlag = (args: ReadonlyArray<string>, flag: string): { readonly included: boolean; readonly rest: ReadonlyArray<string> } => {
  let tokens;
  try {
    ({ tokens } = parseArgs({ args: [...args], strict: false, allowPositionals: true, tokens: true, options: { [flag]: { type: "boolean" } } }));
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }
  const taken = new Set<number>();
  for (const token of tokens) {
    if (token.kind !== "option" || token.name !== flag) continue;
    if (token.inlineValue === true) throw new BenchUsageError(`Option '--${flag}' does not take an argument`);
    taken.add(token.index);
  }
  return { included: taken.size === 0, rest: args.filter((_arg, index) => !taken.has(index)) };
};
