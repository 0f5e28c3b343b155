import { parseArgs } from "node:util";
import { Schema } from "effect";
import type { Mode } from "../engine/random/check.js";
import type { Budget } from "../engine/exhaustive/budget.js";
import { namedShapes } from "../engine/exhaustive/programs.js";
import { DEFAULT_STRATEGY, strategyNames } from "../engine/schedule/strategies.js";
import type { Strategy } from "../engine/schedule/strategy.js";
import { availableParallelism } from "node:os";
import { type Shard, WHOLE } from "../engine/shard.js";
import { bindNegativeValues, decodeFlag, integerFlag, NaturalFlag, PositiveFlag } from "./decode-flag.js";

export interface VerifyFlags {
  readonly scenarios: ReadonlyArray<string>;
  readonly implementations: ReadonlyArray<string>;
  /** Files (or `FILE#export`) defining a team's own families, for the designs of `--impl` files. */
  readonly families: ReadonlyArray<string>;
  readonly backends: ReadonlyArray<string>;
  readonly modes: ReadonlyArray<Mode>;
  readonly runs: number | undefined;
  readonly seed: number | undefined;
  readonly path: string | undefined;
  readonly timeLimitMs: number | undefined;
  /** Search states the linearizability check of one execution may visit before it answers `unknown`. */
  readonly linearizabilityBudget: number | undefined;
  readonly summary: boolean;
  /** Every violation's full report, also for known-broken designs caught as expected. */
  readonly verbose: boolean;
  /** A report for CI systems besides the text on stdout (`text`: none), written to {@link output}. */
  readonly reporter: Reporter;
  readonly output: string | undefined;
  /** How random mode interleaves concurrent runs (default `preemptions`). */
  readonly strategy: Strategy;
  /** Exhaustive mode: every interleaving of every program over each family's proof domain. */
  readonly exhaustive: boolean;
  readonly budget: Budget | undefined;
  /** Exhaustive mode's program shape, by name (`default` or `sequenced`). */
  readonly domain: string;
  readonly preemptionBound: number | undefined;
  /** Sleep-set reduction in exhaustive mode (`--no-reduction` turns it off). */
  readonly reduction: boolean;
  /** Also run the search without reduction, to report the reduction factor. */
  readonly measureReduction: boolean;
  /** Replays one exhaustive counterexample (the token its report prints). */
  readonly replay: string | undefined;
  /** Also writes the run as an HTML page: every verdict, every counterexample in swimlanes. */
  readonly html: string | undefined;
  /** This job's part of a run split across jobs (default: the whole run). */
  readonly shard: Shard;
  /** Where to write this shard's result for `invariant-lab merge`. */
  readonly shardResult: string | undefined;
  /** Worker threads that share the run (default 1: this thread alone). */
  readonly workers: number;
}

/** `text` prints to stdout only; `junit` and `json` also write a report file for CI systems. */
export type Reporter = "text" | "junit" | "json";

/** A flag's value was missing or malformed: the message names the flag and what it expects. */
export class UsageError extends Error {}

/** fast-check folds any other number into a 32-bit seed, so a seed outside this range would not be the one printed. */
const Seed = integerFlag(-2_147_483_648, 2_147_483_647);
const ModeFlag = Schema.Literals(["sequential", "concurrent", "all"]);
const StrategyFlag = Schema.Literals(strategyNames);
const ReporterFlag = Schema.Literals(["text", "junit", "json"]);
const DomainFlag = Schema.Literals(Object.keys(namedShapes));
/** fast-check's counterexample path: the run, then one shrink step per number (`12:0:3`). */
const PathFlag = Schema.String.check(
  Schema.isPattern(/^\d{1,15}(:\d{1,15})*$/, { expected: "a counterexample path: numbers joined by colons, as printed in a report (12:0:3)" }),
);
/** `20000` executions or `30s`. */
const BudgetFlag = Schema.String.check(
  Schema.makeFilter((text: string) => /^(\d{1,15}|\d{1,15}(\.\d+)?s)$/.test(text) && Number(text.replace(/s$/, "")) > 0, {
    expected: "a number of executions (20000) or of seconds (30s), above zero",
  }),
);

/** `2/4`: the second of four shards. */
const ShardFlag = Schema.String.check(
  Schema.makeFilter(
    (text: string) => {
      const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text);
      return match !== null && Number(match[1]) >= 1 && Number(match[1]) <= Number(match[2]);
    },
    { expected: "K/N, this job's shard K of N shards, 1 ≤ K ≤ N (2/4)" },
  ),
);
/** A number of worker threads, or `auto`: as many as the machine has cores. */
const WorkersFlag = Schema.Union([Schema.Literal("auto"), integerFlag(1, 256)]);
const FileFlag = Schema.String.check(Schema.isMinLength(1));

/** What each flag that takes a value accepts, for the message when the value is missing. */
const accepts: Readonly<Record<string, string>> = {
  scenario: "a scenario name (invariant-lab list shows them)",
  impl: "a built-in design's name or an implementation file",
  family: "a file that exports a family made with defineFamily",
  backend: "a backend name (invariant-lab list shows them)",
  mode: "sequential, concurrent or all",
  runs: "a decimal integer of at least 1",
  seed: "a decimal integer from -2147483648 to 2147483647",
  path: "a counterexample path, as printed in a report (12:0:3)",
  "time-limit": "a number of milliseconds, a decimal integer of at least 1",
  "linearizability-budget": "a number of search states, a decimal integer of at least 1",
  strategy: strategyNames.join(", "),
  budget: "a number of executions (20000) or of seconds (30s)",
  "preemption-bound": "a decimal integer of at least 0",
  domain: Object.keys(namedShapes).join(" or "),
  replay: "the token printed in an exhaustive report",
  html: "a file to write the HTML report to",
  reporter: "text, junit or json",
  output: "the file to write the --reporter's report to",
  shard: "K/N, this job's shard K of N shards (2/4)",
  "shard-result": "a file to write this shard's result to",
  workers: "a number of worker threads from 1 to 256, or auto",
};

const options = {
  scenario: { type: "string", multiple: true },
  impl: { type: "string", multiple: true },
  family: { type: "string", multiple: true },
  backend: { type: "string", multiple: true },
  mode: { type: "string" },
  runs: { type: "string" },
  seed: { type: "string" },
  path: { type: "string" },
  "time-limit": { type: "string" },
  "linearizability-budget": { type: "string" },
  summary: { type: "boolean" },
  strategy: { type: "string" },
  exhaustive: { type: "boolean" },
  budget: { type: "string" },
  "preemption-bound": { type: "string" },
  domain: { type: "string" },
  "no-reduction": { type: "boolean" },
  "measure-reduction": { type: "boolean" },
  replay: { type: "string" },
  html: { type: "string" },
  verbose: { type: "boolean" },
  reporter: { type: "string" },
  output: { type: "string" },
  shard: { type: "string" },
  "shard-result": { type: "string" },
  workers: { type: "string" },
} as const;

const valuedFlags: ReadonlySet<string> = new Set(Object.keys(accepts).map((flag) => `--${flag}`));

/** Node's messages span lines and suggest `--seed=-XYZ`; ours name the flag and what it takes. */
const parseError = (error: unknown): UsageError => {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const flag = /'--([\w-]+)/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && flag !== undefined) {
    const accepted = accepts[flag];
    return new UsageError(accepted === undefined ? `--${flag} takes no value` : `--${flag} needs a value: ${accepted}`);
  }
  return new UsageError(message.split("\n")[0] ?? message);
};

const budgetOf = (value: string | undefined): Budget | undefined => {
  const text = decode("budget", BudgetFlag, value);
  if (text === undefined) return undefined;
  return text.endsWith("s") ? { seconds: Number(text.slice(0, -1)) } : { executions: Number(text) };
};

/** Flags that only mean something in one mode, rejected in the other so that nothing is silently ignored. */
const checkModeFlags = (exhaustive: boolean, given: Readonly<Record<string, unknown>>): void => {
  const randomOnly = ["mode", "runs", "seed", "path", "strategy", "reporter", "output"];
  const exhaustiveOnly = ["budget", "preemption-bound", "domain", "no-reduction", "measure-reduction", "replay"];
  for (const flag of exhaustive ? randomOnly : exhaustiveOnly) {
    if (given[flag] !== undefined)
      throw new UsageError(exhaustive ? `--${flag} applies to random mode, not to --exhaustive` : `--${flag} applies to --exhaustive only`);
  }
  if (given["measure-reduction"] !== undefined && (given["no-reduction"] !== undefined || given["preemption-bound"] !== undefined)) {
    throw new UsageError("--measure-reduction compares against the search without reduction: it needs reduction on and no --preemption-bound");
  }
};

const shardOf = (value: string | undefined): Shard => {
  const text = decode("shard", ShardFlag, value);
  if (text === undefined) return WHOLE;
  const [index, count] = text.split("/").map(Number);
  return { index: index ?? 1, count: count ?? 1 };
};

/** A split run must be the same run in every shard: what would differ between them is refused. */
const checkShardFlags = (shard: Shard, given: Readonly<Record<string, unknown>>, exhaustive: boolean): void => {
  if (shard.count === 1) return;
  if (given.replay !== undefined) throw new UsageError("--replay runs one execution: it is not split into shards");
  if (given.path !== undefined) throw new UsageError("--path replays one counterexample: it is not split into shards");
  if (!exhaustive && given.seed === undefined)
    throw new UsageError("--shard in random mode needs --seed: every shard must run the same seed for the shards to make one run");
};

const decode = <T>(flag: string, schema: Schema.Decoder<T>, value: string | undefined): T | undefined =>
  decodeFlag(flag, schema, value, (message) => new UsageError(message));

/** Decodes `verify`'s flags into one complete, validated object; throws {@link UsageError} with a one-line message. */
export const parseVerifyFlags = (args: ReadonlyArray<string>): VerifyFlags => {
  let values;
  try {
    ({ values } = parseArgs({ args: [...bindNegativeValues(args, valuedFlags)], strict: true, allowPositionals: false, options }));
  } catch (error) {
    throw parseError(error);
  }
  const exhaustive = values.exhaustive ?? false;
  checkModeFlags(exhaustive, values);
  const mode = decode("mode", ModeFlag, values.mode) ?? "all";
  const seed = decode("seed", Seed, values.seed);
  const path = decode("path", PathFlag, values.path);
  if (path !== undefined && seed === undefined) throw new UsageError("--path replays a counterexample and needs the --seed printed beside it");
  if (values.summary === true && values.verbose === true) throw new UsageError("--summary prints no reports and --verbose prints all of them: choose one");
  const reporter = decode("reporter", ReporterFlag, values.reporter) ?? "text";
  if (reporter !== "text" && values.output === undefined) throw new UsageError(`--reporter ${reporter} writes a file for CI: name it with --output FILE`);
  if (reporter === "text" && values.output !== undefined) throw new UsageError("--output names the file of a --reporter junit or json report");
  const shard = shardOf(values.shard);
  checkShardFlags(shard, values, exhaustive);
  const workers = decode("workers", WorkersFlag, values.workers) ?? 1;
  // Random checks on other threads send back the lines they printed, not the verdicts the page and the CI reports are drawn from.
  if (!exhaustive && workers !== 1 && (values.html !== undefined || reporter !== "text"))
    throw new UsageError(
      "--html and --reporter draw on each check's verdict, which random checks on worker threads do not send back: use them with --workers 1",
    );
  return {
    scenarios: values.scenario ?? [],
    implementations: values.impl ?? [],
    families: values.family ?? [],
    backends: values.backend ?? [],
    modes: mode === "all" ? ["sequential", "concurrent"] : [mode],
    runs: decode("runs", PositiveFlag, values.runs),
    seed,
    path,
    timeLimitMs: decode("time-limit", PositiveFlag, values["time-limit"]),
    linearizabilityBudget: decode("linearizability-budget", PositiveFlag, values["linearizability-budget"]),
    summary: values.summary ?? false,
    verbose: values.verbose ?? false,
    reporter,
    output: values.output,
    strategy: decode("strategy", StrategyFlag, values.strategy) ?? DEFAULT_STRATEGY,
    exhaustive,
    budget: budgetOf(values.budget),
    domain: decode("domain", DomainFlag, values.domain) ?? "default",
    preemptionBound: decode("preemption-bound", NaturalFlag, values["preemption-bound"]),
    reduction: !(values["no-reduction"] ?? false),
    measureReduction: values["measure-reduction"] ?? false,
    replay: values.replay,
    html: values.html,
    shard,
    shardResult: decode("shard-result", FileFlag, values["shard-result"]),
    workers: workers === "auto" ? availableParallelism() : workers,
  };
};
