import type fc from "fast-check";
import type { DecisionSource } from "./decision-source.js";
import type { PctCaseSchedule } from "./pct.js";
import type { Preemption } from "./preemptions.js";
import type { UniformSchedule } from "./uniform.js";

/**
 * How random mode interleaves: `preemptions` (default) generates a few preemption points per command;
 * `uniform` picks uniformly among the enabled tasks at every decision; `pct` runs tasks by random
 * priorities with priority change points. All three are generated data, shrunk by fast-check.
 */
export type Strategy = "preemptions" | "uniform" | "pct";

/** The decisions of the strategies that keep their own (`uniform`, `pct`), carried in the case; `kind` names the strategy. */
export type Schedule = UniformSchedule | PctCaseSchedule;

/** What a generated case holds for its strategy to build a run's decision source from. */
export interface CaseDecisions {
  /** The case's own schedule; undefined under `preemptions`, whose decisions live in the branches. */
  readonly schedule: Schedule | undefined;
  /** The preemption points of every busy branch, per task and per command: `preemptions[task][command]`. */
  readonly preemptions: ReadonlyArray<ReadonlyArray<ReadonlyArray<Preemption>>>;
}

/**
 * A scheduling strategy of random mode: what it generates (shrunk by fast-check with the rest of
 * the case) and how it turns that into the decisions of one run. One file per strategy; the
 * registry in `strategies.ts` lists them.
 */
export interface ScheduleStrategy<Name extends Strategy = Strategy> {
  readonly name: Name;
  /** The preemption points generated with every command of a concurrent branch (none for strategies that decide elsewhere). */
  readonly preemptions: fc.Arbitrary<ReadonlyArray<Preemption>>;
  /** The strategy's own decisions, carried in the case as `schedule`; undefined when the branches carry them. */
  readonly schedule: fc.Arbitrary<Schedule> | undefined;
  /** The decision source of one run: a fresh one each time, since sources count the decisions they took. */
  readonly source: (decisions: CaseDecisions) => DecisionSource;
}
