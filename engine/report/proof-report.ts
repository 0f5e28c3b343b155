import { counterexampleText, counterexampleView, type CounterexampleView } from "./counterexample-report.js";
import { headline } from "./failure-text.js";
import { count, ms, plural } from "./format.js";
import { type ProgramShape, SEQUENCED_SHAPE } from "../exhaustive/programs.js";
import type { ProofVerdict } from "../exhaustive/proof.js";
import { programSize } from "../program.js";

const range = (low: number, high: number): string => (low === high ? `${low}` : `${low}–${high}`);

const longTasksLimited = (shape: ProgramShape): boolean => (shape.maxTaskLength ?? 1) > 1 && (shape.longTaskMaxPrefix ?? shape.maxPrefix) < shape.maxPrefix;

/** `default domain: prefix ≤ 1, 2–3 tasks of ≤ 2 commands (≤ 3 concurrent commands; tasks of 2 only without prefix), over 8 commands` */
export const shapeText = (shape: ProgramShape, domain: number): string => {
  const length = shape.maxTaskLength ?? 1;
  const tasks = `${range(shape.minConcurrent, shape.maxConcurrent)} tasks of ${length === 1 ? "1 command" : `≤ ${length} commands`}`;
  const limits = [
    ...(shape.maxConcurrentCommands === undefined ? [] : [`≤ ${shape.maxConcurrentCommands} concurrent commands`]),
    ...(longTasksLimited(shape)
      ? [`tasks of ${length} only ${shape.longTaskMaxPrefix === 0 ? "without prefix" : `after a prefix ≤ ${shape.longTaskMaxPrefix}`}`]
      : []),
  ];
  const prefix = shape.maxPrefix === 0 ? "no prefix" : `prefix ≤ ${shape.maxPrefix}`;
  return `${shape.name === undefined ? "" : `${shape.name} domain: `}${prefix}, ${tasks}${limits.length === 0 ? "" : ` (${limits.join("; ")})`}, over ${plural(domain, "command")}`;
};

/** What no program of the shape has, in words; the family's own gaps follow it. */
const shapeGaps = (shape: ProgramShape): string => {
  const length = shape.maxTaskLength ?? 1;
  const larger = SEQUENCED_SHAPE.name ?? "";
  return [
    `prefixes of ${shape.maxPrefix + 1}+ commands`,
    `${shape.maxConcurrent + 1}+ tasks`,
    `tasks of ${length + 1}+ commands${length === 1 ? ` (the ${larger} domain has tasks of 2)` : ""}`,
    ...(shape.maxConcurrentCommands === undefined ? [] : [`${shape.maxConcurrentCommands + 1}+ concurrent commands`]),
    ...(longTasksLimited(shape)
      ? [`a task of ${length} commands after a prefix of ${(shape.longTaskMaxPrefix ?? 0) + 1}+ (the ${larger} domain has them)`]
      : []),
  ].join(", ");
};

/** `lamp-socket · registry aggregate (registry) · memory · exhaustive` */
export const proofTitle = (verdict: ProofVerdict): string =>
  `${verdict.scenario} · ${verdict.implementation.design} (${verdict.implementation.name}) · ${verdict.implementation.backend} · exhaustive`;

/** `1,404 programs (default domain: prefix ≤ 1, …, over 8 commands: join(u1, g1), …)` */
const domainText = (verdict: ProofVerdict): string => {
  const shard =
    verdict.shard === undefined ? "" : ` of shard ${verdict.shard.index}/${verdict.shard.count} (${count(verdict.shard.domainPrograms)} in the domain)`;
  return `${plural(verdict.programs, "program")}${shard} (${shapeText(verdict.shape, verdict.domain)}: ${verdict.commands.join(", ")})`;
};

const coverage = (verdict: ProofVerdict, fullExecutions: number | undefined): string => {
  if (verdict.preemptionBound !== undefined) return `all ${plural(verdict.executions, "interleaving")} up to ${plural(verdict.preemptionBound, "preemption")}`;
  if (!verdict.reduction) return `all ${plural(verdict.executions, "interleaving")}, unbounded`;
  const factor =
    fullExecutions === undefined ? "" : ` (reduction ×${(fullExecutions / verdict.executions).toFixed(1)} against ${count(fullExecutions)} without)`;
  return `all interleavings, unbounded: ${plural(verdict.executions, "execution")} with partial-order reduction${factor}`;
};

/** Everything a proof of this domain leaves out: the shape's limits, then the family's. */
export const notCoveredText = (verdict: ProofVerdict): string =>
  [shapeGaps(verdict.shape), ...(verdict.notCovered === undefined ? [] : [verdict.notCovered])].join(", ");

/**
 * What a proof verdict rests on: what it covers, or its counterexample's headline, or why there is no proof.
 * `fullExecutions`: the same search's count without reduction, when it was measured.
 */
export const proofEvidence = (verdict: ProofVerdict, fullExecutions?: number): string => {
  switch (verdict.status) {
    case "verified":
      return `within ${domainText(verdict)}, ${coverage(verdict, fullExecutions)}, ${ms(verdict.durationMs)}; not covered: ${notCoveredText(verdict)}`;
    case "unknown":
      return `no violation in ${plural(verdict.executions, "execution")}, but ${count(verdict.undecided)} were too large to decide linearizability: not a proof`;
    case "incomplete": {
      const limit = verdict.stoppedBy === "time" ? "time budget" : "execution budget";
      return `no violation in ${plural(verdict.executions, "execution")} covering ${count(verdict.programsExplored)} of ${domainText(verdict)}, then the ${limit} ran out: not a proof`;
    }
    case "violated": {
      const example = verdict.counterexample;
      const failure = example?.execution.failure;
      const size = example === undefined ? 0 : programSize(example.program);
      return `${failure === undefined ? "" : headline(failure)}; found after ${plural(example?.executionsToFailure ?? 0, "execution")}, minimal: ${plural(size, "command")} with ${plural(example?.execution.preemptions ?? 0, "preemption")}`;
    }
  }
};

const marks = { verified: "✓ verified ", unknown: "? unknown  ", incomplete: "? incomplete", violated: "✗ violated " } as const;

/** One line: the proof and what it covers, or the counterexample's headline, or why there is no proof. */
export const proofLine = (verdict: ProofVerdict, fullExecutions?: number): string =>
  `${marks[verdict.status]} ${proofTitle(verdict)}: ${proofEvidence(verdict, fullExecutions)}`;

/**
 * An exhaustive counterexample laid out as random mode's: evidence, commands, timeline, replay;
 * undefined for any verdict but a violation. `replayed`: the execution was replayed from its token, not found by a search.
 */
export const proofView = (verdict: ProofVerdict, replay: string, replayed = false): CounterexampleView | undefined => {
  const example = verdict.counterexample;
  const failure = example?.execution.failure;
  if (example === undefined || failure === undefined) return undefined;
  const { preemptions, decisions } = example.execution;
  const howFound = replayed
    ? [`replayed from its token: the same program and decisions; ${plural(preemptions, "preemption")} (⚡) in ${plural(decisions, "decision")}`]
    : [
        `found after ${plural(example.executionsToFailure, "execution")}, smallest programs first: no program with fewer commands fails;`,
        `${example.sizeExplored ? "no failing program of this size" : "no failing program found before the budget ran out"} fails with fewer than ${plural(preemptions, "preemption")} (⚡) (${plural(decisions, "decision")})`,
      ];
  return counterexampleView(proofTitle(verdict), verdict.implementation.claim, { ...example.execution, failure }, howFound, replay);
};

/** The full report of an exhaustive counterexample, or the verdict's line when there is none. */
export const proofReport = (verdict: ProofVerdict, replay: string, replayed = false): string => {
  const view = proofView(verdict, replay, replayed);
  return view === undefined ? proofLine(verdict) : counterexampleText(view);
};
