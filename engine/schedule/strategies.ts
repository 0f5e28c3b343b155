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

/** Random mode's default strategy. */
export const DEFAULT_STRATEGY: Strategy = "mixed";

/** The strategies' names, what `--strategy` accepts: the default first. */
export const strategyNames: ReadonlyArray<Strategy> = [DEFAULT_STRATEGY, "preemptions", "uniform", "pct"];

/**
 * The decision source of one run of a case: the strategy that generated the case's schedule (its
 * `kind`), or `preemptions` when the case has none. A fresh source each time.
 */
export const sourceOf = (decisions: CaseDecisions): DecisionSource => strategies[decisions.schedule?.kind ?? "preemptions"].source(decisions);
