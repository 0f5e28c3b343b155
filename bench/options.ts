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
  readonly mariadb: boolean;
  readonly proof: boolean;
  /** Only this section, put into the report already at `out` in place of its earlier figures. */
  readonly section: BenchSection | undefined;
  /** The server sections at a smaller scale (fewer seeds, no shrinking), for a busy machine; they say so. */
  readonly quick: boolean;
  readonly help: boolean;
}

/** A flag was unknown, missing its value or malformed: the message fits on one line. */
export class BenchUsageError extends Error {}

/** The sections that can be measured alone. */
export const BENCH_SECTIONS = ["postgres", "mariadb", "postgres-proofs", "mutation", "workers", "eventual", "cost"] as const;
export type BenchSection = (typeof BENCH_SECTIONS)[number];

/** The targets are stated over at least this many seeds. */
export const DEFAULT_SEEDS = 30;

/** Printed by `npm run bench -- --help`. */
export const benchUsage = `Usage: npm run bench -- [--seeds N] [--out FILE] [--no-postgres] [--no-mariadb] [--no-proof] [--section NAME] [--quick]
  --seeds N       seeds per known-broken pair (default ${DEFAULT_SEEDS}; the targets are stated over at least ${DEFAULT_SEEDS})
  --out FILE      where to write the report (default: BENCHMARKS.md at the repository root)
  --no-postgres   skip the PostgreSQL sections: executions and races, and proofs of the SQL designs on the pairs domain
                  (about 15 minutes); they start an embedded server, or use DATABASE_URL when set
  --no-mariadb    skip the MariaDB section (it uses MARIADB_URL when set, or starts a mariadbd)
  --no-proof      skip the proof-mode section (proofs, and every strategy on every known race: the longest section)
  --section NAME  measure only this section (${BENCH_SECTIONS.join(", ")}) and put it into the report at --out in place of
                  its earlier figures, keeping everything else
  --quick         the server sections at a smaller scale: 3 seeds per race, no verify() shrinking, half the batch,
                  5 repetitions of each determinism search (each section states its scale)`;

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
        "no-mariadb": { type: "boolean" },
        section: { type: "string" },
        quick: { type: "boolean" },
        "no-proof": { type: "boolean" },
        help: { type: "boolean", short: "h" },
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
    mariadb: values["no-mariadb"] !== true,
    proof: values["no-proof"] !== true,
    quick: values.quick ?? false,
    section: decodeFlag("section", Schema.Literals(BENCH_SECTIONS), values.section, reject),
    help: values.help ?? false,
  };
};
