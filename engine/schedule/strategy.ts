import type fc from "fast-check";
import type { DecisionSource } from "./decision-source.js";
import type { PctCaseSchedule } from "./pct.js";
import type { Preemption } from "./preemptions.js";
import type { UniformSchedule } from "./uniform.js";

/**
 * How one case's decisions are made: `preemptions` by a few preemption points per command;
 * `uniform` by a uniform pick among the enabled tasks at every decision; `pct` by random priorities
 * with priority change points. All three are generated data, shrunk by fast-check.
 */
export type ScheduleKind = "preemptions" | "uniform" | "pct";

/**
 * How random mode interleaves: one schedule kind for every case, or `mixed`: cases of preemption
 * points and uniform walks side by side. Under `uniform` (the default) and `mixed`, a failing walk
 * is translated into preemption points before it is shrunk (`random/walk-to-preemptions.ts`).
 */
export type Strategy = "mixed" | ScheduleKind;

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
export interface ScheduleStrategy<Name extends ScheduleKind = ScheduleKind> {
  readonly name: Name;
  /** The preemption points generated with every command of a concurrent branch (none for strategies that decide elsewhere). */
  readonly preemptions: fc.Arbitrary<ReadonlyArray<Preemption>>;
  /** The strategy's own decisions, carried in the case as `schedule`; undefined when the branches carry them. */
  readonly schedule: fc.Arbitrary<Schedule> | undefined;
  /** The decision source of one run: a fresh one each time, since sources count the decisions they took. */
  readonly source: (decisions: CaseDecisions) => DecisionSource;
}
