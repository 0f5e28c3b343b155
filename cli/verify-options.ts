import { parseArgs } from "node:util";
import { Schema } from "effect";
import type { Mode } from "../engine/random/check.js";
import type { Budget } from "../engine/exhaustive/budget.js";
import { strategies, type Strategy } from "../engine/schedule/strategy.js";
import { decodeFlag, PositiveFlag } from "./decode-flag.js";

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
  /** How random mode interleaves concurrent runs (default `preemptions`). */
  readonly strategy: Strategy;
  /** Exhaustive mode: every interleaving of every program over each family's proof domain. */
  readonly exhaustive: boolean;
  readonly budget: Budget | undefined;
  readonly preemptionBound: number | undefined;
  /** Sleep-set reduction in exhaustive mode (`--no-reduction` turns it off). */
  readonly reduction: boolean;
  /** Also run the search without reduction, to report the reduction factor. */
  readonly measureReduction: boolean;
  /** Replays one exhaustive counterexample (the token its report prints). */
  readonly replay: string | undefined;
}

/** A flag's value was missing or malformed: the message names the flag and what it expects. */
export class UsageError extends Error {}

const Seed = Schema.NumberFromString.check(Schema.isInt());
const ModeFlag = Schema.Literals(["sequential", "concurrent", "all"]);
const StrategyFlag = Schema.Literals(strategies);
const Natural = Schema.NumberFromString.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0));
/** `20000` executions or `30s`. */
const BudgetFlag = Schema.String.check(Schema.isPattern(/^(\d+|\d+(\.\d+)?s)$/, { expected: "a number of executions (20000) or of seconds (30s)" }));

const budgetOf = (value: string | undefined): Budget | undefined => {
  const text = decode("budget", BudgetFlag, value);
  if (text === undefined) return undefined;
  return text.endsWith("s") ? { seconds: Number(text.slice(0, -1)) } : { executions: Number(text) };
};

/** Flags that only mean something in one mode, rejected in the other so that nothing is silently ignored. */
const checkModeFlags = (exhaustive: boolean, given: Readonly<Record<string, unknown>>): void => {
  const randomOnly = ["mode", "runs", "seed", "path", "strategy"];
  const exhaustiveOnly = ["budget", "preemption-bound", "no-reduction", "measure-reduction", "replay"];
  for (const flag of exhaustive ? randomOnly : exhaustiveOnly) {
    if (given[flag] !== undefined) throw new UsageError(exhaustive ? `--${flag} applies to random mode, not to --exhaustive` : `--${flag} applies to --exhaustive only`);
  }
  if (given["measure-reduction"] !== undefined && (given["no-reduction"] !== undefined || given["preemption-bound"] !== undefined)) {
    throw new UsageError("--measure-reduction compares against the search without reduction: it needs reduction on and no --preemption-bound");
  }
};

const decode = <T>(flag: string, schema: Schema.Decoder<T>, value: string | undefined): T | undefined =>
  decodeFlag(flag, schema, value, (message) => new UsageError(message));

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
        strategy: { type: "string" },
        exhaustive: { type: "boolean" },
        budget: { type: "string" },
        "preemption-bound": { type: "string" },
        "no-reduction": { type: "boolean" },
        "measure-reduction": { type: "boolean" },
        replay: { type: "string" },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const exhaustive = values.exhaustive ?? false;
  checkModeFlags(exhaustive, values);
  const mode = decode("mode", ModeFlag, values.mode) ?? "all";
  const seed = decode("seed", Seed, values.seed);
  if (values.path !== undefined && seed === undefined) throw new UsageError("--path replays a counterexample and needs the --seed printed beside it");
  return {
    scenarios: values.scenario ?? [],
    implementations: values.impl ?? [],
    backends: values.backend ?? [],
    modes: mode === "all" ? ["sequential", "concurrent"] : [mode],
    runs: decode("runs", PositiveFlag, values.runs),
    seed,
    path: values.path,
    timeLimitMs: decode("time-limit", PositiveFlag, values["time-limit"]),
    summary: values.summary ?? false,
    strategy: decode("strategy", StrategyFlag, values.strategy) ?? "preemptions",
    exhaustive,
    budget: budgetOf(values.budget),
    preemptionBound: decode("preemption-bound", Natural, values["preemption-bound"]),
    reduction: !(values["no-reduction"] ?? false),
    measureReduction: values["measure-reduction"] ?? false,
    replay: values.replay,
  };
};
