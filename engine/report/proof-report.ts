import { counterexampleReport } from "./counterexample-report.js";
import { headline } from "./failure-text.js";
import { count, ms, plural } from "./format.js";
import type { ProgramShape } from "../exhaustive/programs.js";
import type { ProofVerdict } from "../exhaustive/proof.js";
import { programSize } from "../program.js";

const range = (low: number, high: number): string => (low === high ? `${low}` : `${low}–${high}`);

/** `prefix ≤1 + 2–3 concurrent over 8 commands` */
export const shapeText = (shape: ProgramShape, domain: number): string =>
  `${shape.maxPrefix === 0 ? "no prefix" : `prefix ≤${shape.maxPrefix}`} + ${range(shape.minConcurrent, shape.maxConcurrent)} concurrent over ${plural(domain, "command")}`;

/** `lamp-socket · registry aggregate (registry) · memory · exhaustive` */
export const proofTitle = (verdict: ProofVerdict): string =>
  `${verdict.scenario} · ${verdict.implementation.design} (${verdict.implementation.name}) · ${verdict.implementation.backend} · exhaustive`;

const coverage = (verdict: ProofVerdict, fullExecutions: number | undefined): string => {
  const programs = `${plural(verdict.programs, "program")} (${shapeText(verdict.shape, verdict.domain)})`;
  if (verdict.preemptionBound !== undefined) return `all ${plural(verdict.executions, "interleaving")} of ${programs} up to ${plural(verdict.preemptionBound, "preemption")}`;
  if (!verdict.reduction) return `all ${plural(verdict.executions, "interleaving")} of ${programs}, unbounded`;
  const factor = fullExecutions === undefined ? "" : ` (reduction ×${(fullExecutions / verdict.executions).toFixed(1)} against ${count(fullExecutions)} without)`;
  return `all interleavings of ${programs}, unbounded: ${plural(verdict.executions, "execution")} with sleep-set reduction${factor}`;
};

/**
 * One line: the proof and what it covers, or the counterexample's headline, or why there is no proof.
 * `fullExecutions`: the same search's count without reduction, when it was measured.
 */
export const proofLine = (verdict: ProofVerdict, fullExecutions?: number): string => {
  const title = proofTitle(verdict);
  switch (verdict.status) {
    case "verified":
      return `✓ verified  ${title}: ${coverage(verdict, fullExecutions)}, ${ms(verdict.durationMs)}`;
    case "unknown":
      return `? unknown   ${title}: no violation in ${plural(verdict.executions, "execution")}, but ${count(verdict.undecided)} were too large to decide linearizability: not a proof`;
    case "incomplete": {
      const limit = verdict.stoppedBy === "time" ? "time budget" : "execution budget";
      return `? incomplete ${title}: no violation in ${plural(verdict.executions, "execution")} covering ${count(verdict.programsExplored)} of ${plural(verdict.programs, "program")}, then the ${limit} ran out: not a proof`;
    }
    case "violated": {
      const example = verdict.counterexample;
      const failure = example?.execution.failure;
      const size = example === undefined ? 0 : programSize(example.program);
      return `✗ violated  ${title}: ${failure === undefined ? "" : headline(failure)}; found after ${plural(example?.executionsToFailure ?? 0, "execution")}, minimal: ${plural(size, "command")} with ${plural(example?.execution.preemptions ?? 0, "preemption")}`;
    }
  }
};

/**
 * The full report of an exhaustive counterexample, laid out as random mode's: evidence, commands,
 * timeline, replay. `replayed`: the execution was replayed from its token, not found by a search.
 */
export const proofReport = (verdict: ProofVerdict, replay: string, replayed = false): string => {
  const example = verdict.counterexample;
  const failure = example?.execution.failure;
  if (example === undefined || failure === undefined) return proofLine(verdict);
  const { preemptions, decisions } = example.execution;
  const howFound = replayed
    ? [`replayed from its token: the same program and decisions; ${plural(preemptions, "preemption")} (⚡) in ${plural(decisions, "decision")}`]
    : [
        `found after ${plural(example.executionsToFailure, "execution")}, smallest programs first: no program with fewer commands fails;`,
        `${example.sizeExplored ? "no failing program of this size" : "no failing program found before the budget ran out"} fails with fewer than ${plural(preemptions, "preemption")} (⚡) (${plural(decisions, "decision")})`,
      ];
  return counterexampleReport(proofTitle(verdict), verdict.implementation.claim, { ...example.execution, failure }, howFound, replay);
};
