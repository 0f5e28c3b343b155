import type { DecisionSource } from "./decision-source.js";
import { pctStrategy } from "./pct.js";
import { preemptionsStrategy } from "./preemptions.js";
import type { CaseDecisions, ScheduleKind, ScheduleStrategy, Strategy } from "./strategy.js";
import { uniformStrategy } from "./uniform.js";

/** Every kind of schedule a case can carry, by name. */
export const strategies: { readonly [Name in ScheduleKind]: ScheduleStrategy<Name> } = {
  preemptions: preemptionsStrategy,
  uniform: uniformStrategy,
  pct: pctStrategy,
};

/**
 * Random mode's default strategy: uniform walks, which met every kind of race in as few runs as
 * any other strategy or fewer (BENCHMARKS.md, "Mutation testing"), a failing walk shrunk as
 * preemption points (`walksShrinkAsPreemptions`).
 */
export const DEFAULT_STRATEGY: Strategy = "uniform";

/** The strategies' names, what `--strategy` accepts: the default first. */
export const strategyNames: ReadonlyArray<Strategy> = [DEFAULT_STRATEGY, "preemptions", "mixed", "pct"];

/**
 * The strategies whose failing walks are rewritten as preemption points before they are shrunk
 * (`random/walk-to-preemptions.ts`): fast-check shrinks a walk's choices one at a time, at many
 * times the cost, towards a counterexample with more switches than it needs.
 */
export const walksShrinkAsPreemptions = (strategy: Strategy): boolean => strategy === "uniform" || strategy === "mixed";

/**
 * The decision source of one run of a case: the strategy that generated the case's schedule (its
 * `kind`), or `preemptions` when the case has none. A fresh source each time.
 */
export const sourceOf = (decisions: CaseDecisions): DecisionSource => strategies[decisions.schedule?.kind ?? "preemptions"].source(decisions);
