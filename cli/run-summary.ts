import { DEFAULT_STRATEGY } from "../engine/schedule/strategies.js";
import type { Strategy } from "../engine/schedule/strategy.js";
import type { VerifyFlags } from "./verify-options.js";

/** What a whole `verify` run was: enough to repeat it. */
export interface RunSummary {
  readonly seed: number;
  readonly strategy: Strategy;
  /** The command that repeats the whole run exactly: the same filters, limits and seed. */
  readonly rerun: string;
}

/** `flags` as a command line again, with the run's seed (chosen at random when none was given). */
export const runSummary = (flags: VerifyFlags, seed: number): RunSummary => {
  const repeated = (flag: string, values: ReadonlyArray<string>) => values.map((value) => `${flag} ${value}`);
  const given = (flag: string, value: string | number | undefined) => (value === undefined ? [] : [`${flag} ${value}`]);
  const rerun = [
    "npx invariant-lab verify",
    ...repeated("--scenario", flags.scenarios),
    ...repeated("--impl", flags.implementations),
    ...repeated("--backend", flags.backends),
    ...(flags.modes.length === 1 ? [`--mode ${flags.modes[0] ?? ""}`] : []),
    ...given("--runs", flags.runs),
    `--seed ${seed}`,
    ...given("--path", flags.path),
    ...given("--time-limit", flags.timeLimitMs),
    ...given("--linearizability-budget", flags.linearizabilityBudget),
    ...(flags.strategy === DEFAULT_STRATEGY ? [] : [`--strategy ${flags.strategy}`]),
  ].join(" ");
  return { seed, strategy: flags.strategy, rerun };
};
