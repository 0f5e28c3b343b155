import fc from "fast-check";
import type { DecisionSource } from "./decision-source.js";
import type { Preemption } from "./preemptions.js";
import type { ScheduleStrategy } from "./strategy.js";

/**
 * At most d − 1 = 5 priority change points, at least one (without one no task is ever preempted).
 * Measured on the catalogue's races: 5 finds them in about half the runs that 2 needs.
 */
export const PCT_MAX_CHANGE_POINTS = 5;
/** Change points are drawn in thousandths of the run, so that they fall inside runs of any length. */
const SCALE = 1000;

/** The generated part of a PCT schedule: it lives in the case, so fast-check shrinks it. */
export interface PctSchedule {
  /** One per task (extra ones unused); higher runs first, ties go to the lower task number. */
  readonly priorities: ReadonlyArray<number>;
  /** Where, in thousandths of the run's expected decisions, the running task drops to the bottom. */
  readonly changePoints: ReadonlyArray<number>;
}

/** A PCT schedule as a case carries it. */
export type PctCaseSchedule = { readonly kind: "pct" } & PctSchedule;

/**
 * Random priorities and change points, without fast-check's bias towards small values: PCT needs a
 * random order of tasks and uniform change points. Shrinking sends priorities to 0 (ties: T1 first,
 * the default order) and removes change points or moves them earlier.
 */
export const pctSchedule = (tasks: number): fc.Arbitrary<PctSchedule> =>
  fc.record({
    priorities: fc.array(fc.noBias(fc.nat({ max: 7 })), { minLength: tasks, maxLength: tasks }),
    changePoints: fc.array(fc.noBias(fc.nat({ max: SCALE - 1 })), { minLength: 1, maxLength: PCT_MAX_CHANGE_POINTS }),
  });

/**
 * PCT (Burckhardt et al., ASPLOS 2010): the enabled task of highest priority always runs; at the
 * i-th change point the task about to run drops below every initial priority, to priority i as in
 * the paper. The engine counts decisions, not steps, so `expectedDecisions` scales the points.
 */
export const pctSource = (schedule: PctSchedule, expectedDecisions: number): DecisionSource => {
  const at = schedule.changePoints.map((point) => Math.floor((point * Math.max(1, expectedDecisions)) / SCALE));
  const lowered = new Map<number, number>();
  const priority = (task: number): number => lowered.get(task) ?? (schedule.priorities[task] ?? 0) * 8 - task;
  const highest = (enabled: ReadonlyArray<number>): number => enabled.reduce((best, task) => (priority(task) > priority(best) ? task : best));
  let decision = 0;
  return {
    next(enabled) {
      const now = decision++;
      const running = highest(enabled);
      const point = at.indexOf(now);
      if (point < 0) return running;
      lowered.set(running, point - SCALE);
      return highest(enabled);
    },
  };
};

/** The most tasks a generated case has (concurrent mode makes 2 or 3 branches). */
const MAX_TASKS = 3;

/** A command takes two to five steps; a decision falls before most of them. */
const DECISIONS_PER_COMMAND = 4;

/** Probabilistic concurrency testing: its priorities and change points live in the case's schedule. */
export const pctStrategy: ScheduleStrategy<"pct"> = {
  name: "pct",
  preemptions: fc.constant<ReadonlyArray<Preemption>>([]),
  schedule: pctSchedule(MAX_TASKS).map((schedule): PctCaseSchedule => ({ kind: "pct", ...schedule })),
  source: ({ schedule, preemptions }) => {
    const commands = preemptions.reduce((sum, branch) => sum + branch.length, 0);
    // Under priorities the task that runs last runs alone, deciding nothing: the decisions happen
    // while the others run, so their commands, not all of them, set the length of the run.
    const longest = Math.max(0, ...preemptions.map((branch) => branch.length));
    return pctSource(schedule?.kind === "pct" ? schedule : { priorities: [], changePoints: [] }, (commands - longest) * DECISIONS_PER_COMMAND);
  },
};
