import { parseArgs } from "node:util";
import { Schema } from "effect";
import type { Mode } from "../engine/check.js";
import { oneLine } from "../engine/one-line.js";

export interface VerifyFlags {
  readonly scenarios: ReadonlyArray<string>;
  readonly implementations: ReadonlyArray<string>;
  readonly backends: ReadonlyArray<string>;
  readonly modes: ReadonlyArray<Mode>;
  readonly runs: number | undefined;
  readonly seed: number | undefined;
  readonly path: string | undefined;
  readonly timeLimitMs: number | undefined;
  readonly summary: boolean;
}

/** A flag's value was missing or malformed: the message names the flag and what it expects. */
export class UsageError extends Error {}

const Positive = Schema.NumberFromString.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1));
const Seed = Schema.NumberFromString.check(Schema.isInt());
const ModeFlag = Schema.Literals(["sequential", "concurrent", "all"]);

const decode = <T>(flag: string, schema: Schema.Decoder<T>, value: string | undefined): T | undefined => {
  if (value === undefined) return undefined;
  try {
    return Schema.decodeUnknownSync(schema)(value);
  } catch (error) {
    throw new UsageError(`--${flag} ${JSON.stringify(value)}: ${oneLine(error instanceof Error ? error.message : String(error))}`);
  }
};

export const parseVerifyFlags = (args: ReadonlyArray<string>): VerifyFlags => {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        scenario: { type: "string", multiple: true },
        impl: { type: "string", multiple: true },
        backend: { type: "string", multiple: true },
        mode: { type: "string" },
        runs: { type: "string" },
        seed: { type: "string" },
        path: { type: "string" },
        "time-limit": { type: "string" },
        summary: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const mode = decode("mode", ModeFlag, values.mode) ?? "all";
  const seed = decode("seed", Seed, values.seed);
  if (values.path !== undefined && seed === undefined) throw new UsageError("--path replays a counterexample and needs the --seed printed beside it");
  return {
    scenarios: values.scenario ?? [],
    implementations: values.impl ?? [],
    backends: values.backend ?? [],
    modes: mode === "all" ? ["sequential", "concurrent"] : [mode],
    runs: decode("runs", Positive, values.runs),
    seed,
    path: values.path,
    timeLimitMs: decode("time-limit", Positive, values["time-limit"]),
    summary: values.summary ?? false,
  };
};
