import type { Verdict } from "../engine/random/check.js";

/** The command that reproduces a verdict's counterexample exactly, straight to the shrunk case. */
export const replayCommand = (verdict: Verdict, implementationArgument: string, familyArgument?: string): string => {
  const example = verdict.counterexample;
  const replay = example === undefined ? [`--seed ${verdict.seed}`] : [`--seed ${example.seed}`, `--path ${example.path}`];
  return [
    "npx invariant-lab verify",
    `--scenario ${verdict.scenario}`,
    `--impl ${implementationArgument}`,
    ...(familyArgument === undefined ? [] : [`--family ${familyArgument}`]),
    `--mode ${verdict.mode}`,
    ...replay,
  ].join(" ");
};
