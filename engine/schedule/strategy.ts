import fc from "fast-check";
import type { DecisionSource } from "./decision-source.js";
import { type Preemption, preemptionSource } from "./preemptions.js";
import { pctSchedule, type PctSchedule, pctSource } from "./pct.js";
import { uniformChoices, uniformSource } from "./uniform.js";

/**
 * How random mode interleaves: `preemptions` (default) generates a few preemption points per command;
 * `uniform` picks uniformly among the enabled tasks at every decision; `pct` runs tasks by random
 * priorities with 1–2 priority change points. All three are generated data, shrunk by fast-check.
 */
export type Strategy = "preemptions" | "uniform" | "pct";

/** Every strategy, the default first: what `--strategy` accepts. */
export const strategies: ReadonlyArray<Strategy> = ["preemptions", "uniform", "pct"];

/** The decisions of the `uniform` and `pct` strategies, carried in the case. */
export type Schedule = { readonly kind: "uniform"; readonly choices: ReadonlyArray<number> } | ({ readonly kind: "pct" } & PctSchedule);

/** The most tasks a generated case has (concurrent mode makes 2 or 3 branches). */
const MAX_TASKS = 3;

/** The schedule part of a case for a strategy, or undefined for `preemptions` (it lives in the branches). */
export const scheduleArbitrary = (strategy: Strategy): fc.Arbitrary<Schedule> | undefined => {
  switch (strategy) {
    case "preemptions":
      return undefined;
    case "uniform":
      return fc.record({ kind: fc.constant("uniform" as const), choices: uniformChoices() });
    case "pct":
      return pctSchedule(MAX_TASKS).map((schedule): Schedule => ({ kind: "pct", ...schedule }));
  }
};

/** A command takes two to five steps; a decision falls before most of them. */
const DECISIONS_PER_COMMAND = 4;

/**
 * The decision source of one run: a fresh one each time, since uniform and PCT sources count the
 * decisions they took. `preemptions` is per task and command, as the branches carry them.
 */
export const sourceOf = (schedule: Schedule | undefined, preemptions: ReadonlyArray<ReadonlyArray<ReadonlyArray<Preemption>>>): DecisionSource => {
  if (schedule === undefined) return preemptionSource(preemptions);
  if (schedule.kind === "uniform") return uniformSource(schedule.choices);
  const commands = preemptions.reduce((sum, branch) => sum + branch.length, 0);
  // Under priorities the task that runs last runs alone, deciding nothing: the decisions happen
  // while the others run, so their commands, not all of them, set the length of the run.
  const longest = Math.max(0, ...preemptions.map((branch) => branch.length));
  return pctSource(schedule, (commands - longest) * DECISIONS_PER_COMMAND);
};
