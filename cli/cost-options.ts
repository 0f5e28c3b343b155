import { parseArgs } from "node:util";
import { Schema } from "effect";
import { bindNegativeValues, decodeFlag, integerFlag, PositiveFlag } from "./decode-flag.js";
import { UsageError } from "./verify-options.js";

export type HotSpot = "one" | "many" | "both";

export interface CostFlags {
  readonly scenarios: ReadonlyArray<string>;
  readonly implementations: ReadonlyArray<string>;
  readonly backends: ReadonlyArray<string>;
  readonly workers: number;
  readonly commands: number | undefined;
  readonly hotSpot: HotSpot;
  /** Copies of the id domain under `--hot-spot many`. */
  readonly spread: number;
  readonly seed: number;
  readonly timeLimitMs: number;
  readonly markdown: boolean;
}

/** Eight commands in flight: more than the two cores of a small CI machine, few enough for one PostgreSQL pool per session. */
export const DEFAULT_WORKERS = 8;
/** Beyond this, workers of PostgreSQL designs would queue for the session pool's connections rather than for the design's locks. */
export const MAX_WORKERS = 16;
export const DEFAULT_SPREAD = 16;
export const DEFAULT_COST_SEED = 1;
export const DEFAULT_COMMAND_TIME_LIMIT_MS = 10_000;

const accepts: Readonly<Record<string, string>> = {
  scenario: "a scenario name (invariant-lab list shows them)",
  impl: "a built-in design's name or an implementation file",
  backend: "memory or postgres",
  workers: `a decimal integer from 1 to ${MAX_WORKERS}`,
  commands: "a decimal integer of at least 1",
  "hot-spot": "one, many or both",
  spread: "a decimal integer from 2 to 1000",
  seed: "a decimal integer from -2147483648 to 2147483647",
  "time-limit": "a number of milliseconds, a decimal integer of at least 1",
};

const options = {
  scenario: { type: "string", multiple: true },
  impl: { type: "string", multiple: true },
  backend: { type: "string", multiple: true },
  workers: { type: "string" },
  commands: { type: "string" },
  "hot-spot": { type: "string" },
  spread: { type: "string" },
  seed: { type: "string" },
  "time-limit": { type: "string" },
  markdown: { type: "boolean" },
} as const;

const decode = <T>(flag: string, schema: Schema.Decoder<T>, value: string | undefined): T | undefined =>
  decodeFlag(flag, schema, value, (message) => new UsageError(message));

/** Decodes `cost`'s flags; throws {@link UsageError} with a one-line message. */
export const parseCostFlags = (args: ReadonlyArray<string>): CostFlags => {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...bindNegativeValues(args, new Set(Object.keys(accepts).map((flag) => `--${flag}`)))],
      strict: true,
      allowPositionals: false,
      options,
    }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'--([\w-]+)/.exec(message)?.[1];
    const accepted = flag === undefined ? undefined : accepts[flag];
    const missingValue = (error as { code?: unknown }).code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE";
    throw new UsageError(missingValue && accepted !== undefined ? `--${flag} needs a value: ${accepted}` : (message.split("\n")[0] ?? message));
  }
  return {
    scenarios: values.scenario ?? [],
    implementations: values.impl ?? [],
    backends: values.backend ?? [],
    workers: decode("workers", integerFlag(1, MAX_WORKERS), values.workers) ?? DEFAULT_WORKERS,
    commands: decode("commands", PositiveFlag, values.commands),
    hotSpot: decode("hot-spot", Schema.Literals(["one", "many", "both"]), values["hot-spot"]) ?? "both",
    spread: decode("spread", integerFlag(2, 1000), values.spread) ?? DEFAULT_SPREAD,
    seed: decode("seed", integerFlag(-2_147_483_648, 2_147_483_647), values.seed) ?? DEFAULT_COST_SEED,
    timeLimitMs: decode("time-limit", PositiveFlag, values["time-limit"]) ?? DEFAULT_COMMAND_TIME_LIMIT_MS,
    markdown: values.markdown ?? false,
  };
};
