import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { Schema } from "effect";
import type { ProofVerdict } from "../engine/exhaustive/proof.js";
import { programSize } from "../engine/program.js";
import { oneLine } from "../engine/one-line.js";
import type { Shard } from "../engine/shard.js";
import { isImplementationFile } from "./load-implementation.js";
import type { VerifyFlags } from "./verify-options.js";

/** Names the format, so that a file of another kind (or a later format) is refused by name. */
export const SHARD_RESULT_FORMAT = "invariant-lab shard result 1";

/**
 * What makes the shards of one run the same run: the mode, the seed, every setting that changes a
 * verdict, the matrix of checks in order, and the content of every design file. Worker threads do
 * not change a verdict, so shards may use different numbers of them.
 */
const RunIdentity = Schema.Struct({
  mode: Schema.Literals(["random", "exhaustive"]),
  version: Schema.String,
  seed: Schema.NullOr(Schema.Number),
  settings: Schema.Record(Schema.String, Schema.String),
  checks: Schema.Array(Schema.String),
  designFiles: Schema.Record(Schema.String, Schema.String),
});
export type RunIdentity = typeof RunIdentity.Type;

/** A proof verdict without its execution: what merging needs to state the whole domain's verdict. */
const ProofSummary = Schema.Struct({
  scenario: Schema.String,
  implementation: Schema.Struct({ name: Schema.String, design: Schema.String, backend: Schema.String, claim: Schema.String }),
  status: Schema.Literals(["verified", "violated", "incomplete", "unknown"]),
  shape: Schema.Struct({
    name: Schema.optional(Schema.String),
    maxPrefix: Schema.Number,
    minConcurrent: Schema.Number,
    maxConcurrent: Schema.Number,
    maxTaskLength: Schema.optional(Schema.Number),
    maxConcurrentCommands: Schema.optional(Schema.Number),
    longTaskMaxPrefix: Schema.optional(Schema.Number),
  }),
  domain: Schema.Number,
  commands: Schema.Array(Schema.String),
  notCovered: Schema.optional(Schema.String),
  programs: Schema.Number,
  domainPrograms: Schema.Number,
  programsExplored: Schema.Number,
  executions: Schema.Number,
  redundant: Schema.Number,
  undecided: Schema.Number,
  preemptionBound: Schema.optional(Schema.Number),
  reduction: Schema.Boolean,
  durationMs: Schema.Number,
  stoppedBy: Schema.optional(Schema.Literals(["executions", "time"])),
  /** The counterexample's size, and its program's position in the domain: merging keeps the smallest, then the first. */
  counterexample: Schema.optional(Schema.Struct({ commands: Schema.Number, preemptions: Schema.Number, position: Schema.Number })),
});
export type ProofSummary = typeof ProofSummary.Type;

/** One check of the shard: what it printed, whether its verdict was the expected one, and for a proof its figures. */
const CheckResult = Schema.Struct({
  check: Schema.String,
  /** The verdict the check must get: a built-in design's known one, or the one a team's design claims. */
  expected: Schema.String,
  status: Schema.String,
  ok: Schema.Boolean,
  lines: Schema.Array(Schema.String),
  proof: Schema.optional(ProofSummary),
});
export type CheckResult = typeof CheckResult.Type;

const ShardResult = Schema.Struct({
  format: Schema.Literal(SHARD_RESULT_FORMAT),
  run: RunIdentity,
  shard: Schema.Struct({ index: Schema.Number, count: Schema.Number }),
  checks: Schema.Array(CheckResult),
});
export type ShardResult = typeof ShardResult.Type;

/** The package's version, from the package.json above this file (sources or compiled). */
const version = (): string => {
  for (const up of ["../package.json", "../../package.json"]) {
    const file = new URL(up, import.meta.url);
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
    if (manifest.name === "invariant-lab") return String(manifest.version);
  }
  return "unknown";
};

const digest = (file: string): string => {
  try {
    return createHash("sha256").update(readFileSync(file)).digest("hex");
  } catch {
    return "unreadable";
  }
};

/** The identity of the run `flags` describe, over the matrix `checks` (in the order every shard numbers it). */
export const runIdentity = (flags: VerifyFlags, checks: ReadonlyArray<string>, seed: number | undefined): RunIdentity => {
  const settings: Record<string, string> = {
    scenarios: flags.scenarios.join(","),
    designs: flags.implementations.join(","),
    backends: flags.backends.join(","),
    "time limit": String(flags.timeLimitMs ?? "default"),
    "linearizability budget": String(flags.linearizabilityBudget ?? "default"),
    ...(flags.exhaustive
      ? {
          domain: flags.domain,
          reduction: String(flags.reduction),
          "preemption bound": String(flags.preemptionBound ?? "none"),
          budget: JSON.stringify(flags.budget ?? {}),
          "measure reduction": String(flags.measureReduction),
        }
      : { modes: flags.modes.join(","), runs: String(flags.runs ?? "default"), strategy: flags.strategy }),
  };
  const files = flags.implementations.filter(isImplementationFile).map((value) => value.replace(/#.*$/, ""));
  return {
    mode: flags.exhaustive ? "exhaustive" : "random",
    version: version(),
    seed: seed ?? null,
    settings,
    checks,
    designFiles: Object.fromEntries(files.map((file) => [file, digest(file)])),
  };
};

/** A proof verdict as a shard result keeps it. */
export const proofSummary = (verdict: ProofVerdict): ProofSummary => {
  const example = verdict.counterexample;
  return {
    scenario: verdict.scenario,
    implementation: verdict.implementation,
    status: verdict.status,
    shape: verdict.shape,
    domain: verdict.domain,
    commands: verdict.commands,
    ...(verdict.notCovered === undefined ? {} : { notCovered: verdict.notCovered }),
    programs: verdict.programs,
    domainPrograms: verdict.shard?.domainPrograms ?? verdict.programs,
    programsExplored: verdict.programsExplored,
    executions: verdict.executions,
    redundant: verdict.redundant,
    undecided: verdict.undecided,
    ...(verdict.preemptionBound === undefined ? {} : { preemptionBound: verdict.preemptionBound }),
    reduction: verdict.reduction,
    durationMs: verdict.durationMs,
    ...(verdict.stoppedBy === undefined ? {} : { stoppedBy: verdict.stoppedBy }),
    ...(example === undefined
      ? {}
      : { counterexample: { commands: programSize(example.program), preemptions: example.execution.preemptions, position: example.position ?? 0 } }),
  };
};

/** Writes the shard's result for `invariant-lab merge`. */
export const writeShardResult = async (file: string, run: RunIdentity, shard: Shard, checks: ReadonlyArray<CheckResult>): Promise<void> => {
  const result: ShardResult = { format: SHARD_RESULT_FORMAT, run, shard, checks };
  await writeFile(file, `${JSON.stringify(result, undefined, 2)}\n`);
};

/** Reads and decodes a shard result; throws a one-line message naming the file and what is wrong. */
export const readShardResult = async (file: string): Promise<ShardResult> => {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`${file}: cannot read it: ${error instanceof Error ? oneLine(error.message) : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file}: not JSON; a shard result is the file verify --shard-result writes`);
  }
  try {
    return Schema.decodeUnknownSync(ShardResult)(json);
  } catch (error) {
    throw new Error(`${file}: not a shard result (${SHARD_RESULT_FORMAT}): ${oneLine(error instanceof Error ? error.message : String(error))}`);
  }
};
