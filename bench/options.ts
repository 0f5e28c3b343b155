import { parseArgs } from "node:util";
import { Schema } from "effect";
import { decodeFlag, PositiveFlag } from "../cli/decode-flag.js";

/** What `invariant-lab bench` was asked for. */
export interface BenchOptions {
  /** Seeds per known-broken pair, for the engine and each baseline alike. */
  readonly seeds: number;
  /** Where BENCHMARKS.md goes; relative paths are taken from the working directory. */
  readonly out: string | undefined;
  readonly help: boolean;
}

/** A flag was unknown, missing its value or malformed: the message fits on one line. */
export class BenchUsageError extends Error {}

/** The targets are stated over at least 30 seeds. */
export const DEFAULT_SEEDS = 30;

/** Printed by `bench --help`. */
export const benchUsage = `Usage: invariant-lab bench [--seeds N] [--out FILE]
  --seeds N    seeds per known-broken pair (default ${DEFAULT_SEEDS}; the targets are stated over at least 30)
  --out FILE   where to write the report (default: BENCHMARKS.md at the repository root)`;

const FileName = Schema.String.check(Schema.isMinLength(1));

const decode = <T>(flag: string, schema: Schema.Decoder<T>, value: string | undefined): T | undefined =>
  decodeFlag(flag, schema, value, (message) => new BenchUsageError(message));

/** Decodes the flags; throws {@link BenchUsageError} with a one-line message. */
export const parseBenchFlags = (args: ReadonlyArray<string>): BenchOptions => {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: { seeds: { type: "string" }, out: { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }
  return {
    seeds: decode("seeds", PositiveFlag, values.seeds) ?? DEFAULT_SEEDS,
    out: decode("out", FileName, values.out),
    help: values.help ?? false,
  };
};
