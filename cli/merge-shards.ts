import type { ProofVerdict } from "../engine/exhaustive/proof.js";
import { ms, plural } from "../engine/report/format.js";
import { proofLine } from "../engine/report/proof-report.js";
import type { CheckResult, ProofSummary, RunIdentity, ShardResult } from "./shard-result.js";

/** Shard results that are not the shards of one run: the message says which and why. */
export class MergeRefused extends Error {}

/** One check of the merged run: what to print, and whether its verdict is the expected one. */
export interface MergedCheck {
  readonly check: string;
  readonly lines: ReadonlyArray<string>;
  readonly ok: boolean;
  /** Not a verdict: a check skipped (no proof domain) or not covered (a backend the machine lacks). */
  readonly uncounted?: string;
}

const label = (result: { readonly file: string; readonly shard: { readonly index: number; readonly count: number } }) =>
  `${result.file} (shard ${result.shard.index}/${result.shard.count})`;

/** The first way two run identities differ, in words, or undefined when they are the same run. */
const difference = (a: RunIdentity, b: RunIdentity): string | undefined => {
  if (a.mode !== b.mode) return `one is a ${a.mode} run, the other a ${b.mode} run`;
  if (a.version !== b.version) return `invariant-lab ${a.version} against ${b.version}`;
  if (a.seed !== b.seed) return `seed ${a.seed ?? "none"} against seed ${b.seed ?? "none"}`;
  for (const key of new Set([...Object.keys(a.settings), ...Object.keys(b.settings)]))
    if (a.settings[key] !== b.settings[key]) return `${key} ${a.settings[key] ?? "unset"} against ${b.settings[key] ?? "unset"}`;
  for (const file of new Set([...Object.keys(a.designFiles), ...Object.keys(b.designFiles)]))
    if (a.designFiles[file] !== b.designFiles[file]) return `the design file ${file} has different contents`;
  if (a.checks.length !== b.checks.length || a.checks.some((check, index) => b.checks[index] !== check)) {
    const first = a.checks.find((check, index) => b.checks[index] !== check) ?? b.checks[a.checks.length] ?? "";
    return `they verify different matrices (${plural(a.checks.length, "check")} against ${b.checks.length}; first difference: ${first})`;
  }
  return undefined;
};

/**
 * Checks that the results are every shard of one run, each once: the same run identity and shard
 * count, no shard twice, none missing. Throws {@link MergeRefused} naming the files.
 */
export const checkShards = (results: ReadonlyArray<ShardResult & { readonly file: string }>): void => {
  const [first] = results;
  if (first === undefined) throw new MergeRefused("merge needs the shard results to combine: invariant-lab merge FILE…");
  for (const result of results) {
    if (result.shard.count !== first.shard.count) throw new MergeRefused(`${label(result)} and ${label(first)} split the run into different numbers of shards`);
    const why = difference(first.run, result.run);
    if (why !== undefined) throw new MergeRefused(`${label(result)} is not a shard of the same run as ${label(first)}: ${why}`);
  }
  const byIndex = new Map<number, string>();
  for (const result of results) {
    const twice = byIndex.get(result.shard.index);
    if (twice !== undefined) throw new MergeRefused(`shard ${result.shard.index}/${first.shard.count} is given twice: ${twice} and ${result.file}`);
    byIndex.set(result.shard.index, result.file);
  }
  const missing = Array.from({ length: first.shard.count }, (_unused, index) => index + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0)
    throw new MergeRefused(
      `${missing.length === 1 ? "shard" : "shards"} ${missing.map((index) => `${index}/${first.shard.count}`).join(", ")} ${missing.length === 1 ? "is" : "are"} missing: a verdict needs every shard's result`,
    );
};

/** The merged proof as a verdict without an execution, for the same line an unsplit run prints. */
const asVerdict = (summary: ProofSummary, parts: ReadonlyArray<ProofSummary>, status: ProofVerdict["status"]): ProofVerdict => {
  const sum = (pick: (part: ProofSummary) => number) => parts.reduce((total, part) => total + pick(part), 0);
  const stopped = parts.find((part) => part.stoppedBy !== undefined)?.stoppedBy;
  return {
    scenario: summary.scenario,
    implementation: summary.implementation,
    status,
    shape: summary.shape,
    domain: summary.domain,
    commands: summary.commands,
    ...(summary.notCovered === undefined ? {} : { notCovered: summary.notCovered }),
    programs: summary.domainPrograms,
    programsExplored: sum((part) => part.programsExplored),
    executions: sum((part) => part.executions),
    redundant: sum((part) => part.redundant),
    undecided: sum((part) => part.undecided),
    preemptionBound: summary.preemptionBound,
    reduction: summary.reduction,
    durationMs: Math.max(...parts.map((part) => part.durationMs)),
    ...(stopped === undefined ? {} : { stoppedBy: stopped }),
  };
};

/**
 * One proof split across shards: `verified` only when every shard proved its part; otherwise the
 * smallest counterexample of any shard (fewest commands, then preemptions, then first in the
 * domain's order: the one the unsplit search reports), or why there is no proof.
 */
const mergeProof = (check: string, parts: ReadonlyArray<{ readonly shard: number; readonly result: CheckResult }>): MergedCheck => {
  const [first] = parts;
  const summaries = parts.flatMap(({ result }) => (result.proof === undefined ? [] : [result.proof]));
  if (first === undefined) return { check, lines: [], ok: false };
  const expected = first.result.expected;
  if (summaries.length < parts.length) {
    // No proof figures: the check was skipped (no proof domain) or ended in an error in some shard.
    const failed = parts.filter(({ result }) => result.proof === undefined && result.status !== "skipped");
    if (failed.length === 0) return { check, lines: first.result.lines, ok: true, uncounted: "skipped" };
    return { check, lines: failed.flatMap(({ shard, result }) => [`(shard ${shard})`, ...result.lines]), ok: false };
  }
  const summary = summaries[0] as ProofSummary;
  const counted = ` · merged from ${plural(parts.length, "shard")}, the longest ${ms(Math.max(...summaries.map((part) => part.durationMs)))}, ${ms(summaries.reduce((total, part) => total + part.durationMs, 0))} in all`;
  const violating = parts
    .filter(({ result }) => result.proof?.counterexample !== undefined)
    .sort((a, b) => {
      const x = a.result.proof?.counterexample;
      const y = b.result.proof?.counterexample;
      if (x === undefined || y === undefined) return 0;
      return x.commands - y.commands || x.preemptions - y.preemptions || x.position - y.position;
    });
  const smallest = violating[0];
  if (smallest !== undefined) {
    const size = smallest.result.proof?.counterexample?.commands ?? 0;
    const short = parts.filter(({ result }) => result.proof?.stoppedBy !== undefined).map(({ shard }) => shard);
    const minimal =
      short.length === 0
        ? `minimal across all shards: no shard has a failing program of fewer commands or one of ${plural(size, "command")} with fewer preemptions`
        : `not known to be minimal: the budget ran out in shard ${short.join(", ")}`;
    return {
      check,
      lines: [`(from shard ${smallest.shard}/${parts.length}; ${minimal})`, ...smallest.result.lines],
      ok: expected === "violated",
    };
  }
  const status = summaries.some((part) => part.status === "incomplete")
    ? "incomplete"
    : summaries.some((part) => part.status === "unknown")
      ? "unknown"
      : "verified";
  const line = proofLine(asVerdict(summary, summaries, status));
  const stated =
    status === "verified"
      ? line.replace(
          /: within ([\d,]+) programs \(/,
          (_match, programs: string) => `: all interleavings of ${programs} programs, every shard proved its part (`,
        )
      : line;
  const ok = status === expected;
  const note = ok ? "" : `  ← UNEXPECTED: expected ${expected}`;
  return { check, lines: [`${stated}${counted}${note}`], ok };
};

/** Combines every shard's result (checked by {@link checkShards}) into the run's checks, in the matrix's order. */
export const mergeShards = (results: ReadonlyArray<ShardResult>): ReadonlyArray<MergedCheck> => {
  const run = results[0]?.run;
  if (run === undefined) return [];
  const ordered = [...results].sort((a, b) => a.shard.index - b.shard.index);
  return run.checks.map((check) => {
    const parts = ordered.flatMap((result) =>
      result.checks.filter((entry) => entry.check === check).map((entry) => ({ shard: result.shard.index, result: entry })),
    );
    if (run.mode === "exhaustive") {
      if (parts.length !== ordered.length) {
        const without = ordered.filter((result) => !result.checks.some((entry) => entry.check === check)).map((result) => result.shard.index);
        throw new MergeRefused(`shard ${without.join(", ")} has no result for ${check}: did that job complete?`);
      }
      return mergeProof(check, parts);
    }
    // Random mode: a check belongs to one shard, which ran it whole.
    const [only, ...more] = parts;
    if (only === undefined) throw new MergeRefused(`no shard has a result for ${check}: did every job complete?`);
    if (more.length > 0) throw new MergeRefused(`${check} has results from shards ${parts.map(({ shard }) => shard).join(" and ")}`);
    return {
      check,
      lines: only.result.status === "not covered" ? [`- not covered: ${check} (${only.result.expected} expected)`] : only.result.lines,
      ok: only.result.ok,
      ...(only.result.status === "not covered" ? { uncounted: "not covered" } : {}),
    };
  });
};
