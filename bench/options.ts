import { parseArgs } from "node:util";
import { Schema } from "effect";
import { decodeFlag, PositiveFlag } from "../cli/decode-flag.js";

/** What `npm run bench` was asked for. */
export interface BenchOptions {
  /** Seeds per known-broken pair, for the engine and each baseline alike. */
  readonly seeds: number;
  /** Where BENCHMARKS.md goes; relative paths are taken from the working directory. */
  readonly out: string | undefined;
  readonly postgres: boolean;
  readonly proof: boolean;
  readonly help: boolean;
  /** Only this section, printed to stdout (or written to --out): `eventual`. */
  readonly section: "eventual" | undefined;
}

/** A flag was unknown, missing its value or malformed: the message fits on one line. */
export class BenchUsageError extends Error {}

/** The targets are stated over at least this many seeds. */
export const DEFAULT_SEEDS = 30;

/** Printed by `npm run bench -- --help`. */
export const benchUsage = `Usage: npm run bench -- [--seeds N] [--out FILE] [--no-postgres] [--no-proof]
  --seeds N      seeds per known-broken pair (default ${DEFAULT_SEEDS}; the targets are stated over at least ${DEFAULT_SEEDS})
  --out FILE     where to write the report (default: BENCHMARKS.md at the repository root)
  --no-postgres  skip the PostgreSQL section (it starts an embedded server, or uses DATABASE_URL when set)
  --no-proof     skip the proof-mode section (proofs, and every strategy on every known race: the longest section)
  --section eventual  only the eventual-consistency section, printed (or written to --out)`;

const FileName = Schema.String.check(Schema.isMinLength(1));

/** Decodes the flags; throws {@link BenchUsageError} with a one-line message. */
export const parseBenchFlags = (args: ReadonlyArray<string>): BenchOptions => {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        seeds: { type: "string" },
        out: { type: "string" },
        "no-postgres": { type: "boolean" },
        "no-proof": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        section: { type: "string" },
      },
    }));
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }
  const reject = (message: string) => new BenchUsageError(message);
  return {
    seeds: decodeFlag("seeds", PositiveFlag, values.seeds, reject) ?? DEFAULT_SEEDS,
    out: decodeFlag("out", FileName, values.out, reject),
    postgres: values["no-postgres"] !== true,
    proof: values["no-proof"] !== true,
    help: values.help ?? false,
    section: decodeFlag("section", Schema.Literal("eventual"), values.section, reject),
  };
};
