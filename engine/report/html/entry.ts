import type { ProofVerdict } from "../../exhaustive/proof.js";
import type { Verdict } from "../../random/check.js";
import type { CounterexampleView } from "../counterexample-report.js";
import { proofEvidence, proofView } from "../proof-report.js";
import { verdictEvidence, verdictView } from "../verdict-text.js";

/** One verdict of a run as the HTML report's summary table shows it, with its counterexample when it has one. */
export interface ReportedVerdict {
  readonly status: "passed" | "verified" | "violated" | "unknown" | "incomplete" | "skipped" | "error";
  readonly scenario: string;
  /** `naive check-then-act (naive)` */
  readonly design: string;
  readonly backend: string;
  readonly mode: string;
  /** What the verdict rests on, as its text line says it. */
  readonly evidence: string;
  /** Whether this is the verdict the design must get (a known-broken design is expected to be violated). */
  readonly asExpected: boolean;
  /** Why, in words: `expected: a known-broken design`, `UNEXPECTED: expected passed`. */
  readonly expectation: string;
  readonly counterexample?: CounterexampleView;
}

/** What the caller knows about a verdict that the verdict itself does not: whether it was the one expected, and why. */
export interface Expectation {
  readonly asExpected: boolean;
  readonly expectation: string;
}

const designOf = (implementation: { readonly design: string; readonly name: string }): string => `${implementation.design} (${implementation.name})`;

/** A random-mode verdict; `replay` is the command its counterexample prints. */
export const reportedVerdict = (verdict: Verdict, replay: string, expectation: Expectation): ReportedVerdict => {
  const counterexample = verdictView(verdict, replay);
  return {
    status: verdict.status,
    scenario: verdict.scenario,
    design: designOf(verdict.implementation),
    backend: verdict.implementation.backend,
    mode: verdict.mode,
    evidence: verdictEvidence(verdict),
    ...expectation,
    ...(counterexample === undefined ? {} : { counterexample }),
  };
};

/** An exhaustive verdict; `replayed`: its counterexample was replayed from a token, not found by the search. */
export const reportedProof = (verdict: ProofVerdict, replay: string, expectation: Expectation, replayed = false): ReportedVerdict => {
  const counterexample = proofView(verdict, replay, replayed);
  return {
    status: verdict.status,
    scenario: verdict.scenario,
    design: designOf(verdict.implementation),
    backend: verdict.implementation.backend,
    mode: "exhaustive",
    evidence: proofEvidence(verdict),
    ...expectation,
    ...(counterexample === undefined ? {} : { counterexample }),
  };
};
