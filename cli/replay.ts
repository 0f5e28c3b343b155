import type { Verdict } from "../engine/random/check.js";

/** The command that repeats a verdict's check exactly: for a counterexample, straight to the shrunk case. */
export const replayCommand = (verdict: Verdict, implementationArgument: string, familyArgument?: string): string => {
  const example = verdict.counterexample;
  // Without a counterexample the seed repeats the check only with as many runs.
  const replay = example === undefined ? [`--runs ${verdict.runs}`, `--seed ${verdict.seed}`] : [`--seed ${example.seed}`, `--path ${example.path}`];
  return [
    "npx invariant-lab verify",
    `--scenario ${verdict.scenario}`,
    `--impl ${implementationArgument}`,
    ...(familyArgument === undefined ? [] : [`--family ${familyArgument}`]),
    `--mode ${verdict.mode}`,
    ...replay,
  ].join(" ");
};
