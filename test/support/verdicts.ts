import type { Verdict } from "../../engine/random/check.js";

/** Commands in the shrunk counterexample: the sequential prefix plus every branch. */
export const commandCount = (verdict: Verdict): number => {
  const example = verdict.counterexample;
  if (example === undefined) return 0;
  return example.case.prefix.length + example.case.branches.reduce((sum, branch) => sum + branch.length, 0);
};

export const preemptionCount = (verdict: Verdict): number => verdict.counterexample?.execution.preemptions ?? 0;
