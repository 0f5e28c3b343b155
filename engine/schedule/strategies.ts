import type { DecisionSource } from "./decision-source.js";
import { pctStrategy } from "./pct.js";
import { preemptionsStrategy } from "./preemptions.js";
import type { CaseDecisions, ScheduleStrategy, Strategy } from "./strategy.js";
import { uniformStrategy } from "./uniform.js";

/** Every strategy of random mode by name: what `--strategy` accepts. */
export const strategies: { readonly [Name in Strategy]: ScheduleStrategy<Name> } = {
  preemptions: preemptionsStrategy,
  uniform: uniformStrategy,
  pct: pctStrategy,
};

/** The strategies' names, the default first. */
export const strategyNames: ReadonlyArray<Strategy> = ["preemptions", "uniform", "pct"];

/**
 * The decision source of one run of a case: the strategy that generated the case's schedule (its
 * `kind`), or `preemptions` when the case has none. A fresh source each time.
 */
export const sourceOf = (decisions: CaseDecisions): DecisionSource => strategies[decisions.schedule?.kind ?? "preemptions"].source(decisions);
