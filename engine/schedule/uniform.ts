import fc from "fast-check";
import type { DecisionSource } from "./decision-source.js";
import type { Preemption } from "./preemptions.js";
import type { ScheduleStrategy } from "./strategy.js";

/** Decisions a run may take under the uniform strategy; later ones take the default. */
export const UNIFORM_DECISIONS = 64;

/** The generated part of a uniform schedule: one choice per decision. */
export interface UniformSchedule {
  readonly kind: "uniform";
  readonly choices: ReadonlyArray<number>;
}

/**
 * Six values: a choice among two or three enabled tasks is `choice % count`, uniform for both.
 * `noBias` keeps fast-check from favouring small values, which here would favour no switch.
 */
export const uniformChoices = (): fc.Arbitrary<ReadonlyArray<number>> =>
  fc.array(fc.noBias(fc.nat({ max: 5 })), { minLength: UNIFORM_DECISIONS, maxLength: UNIFORM_DECISIONS });

/**
 * Each decision picks uniformly among the enabled tasks, listed with the current task first: a choice
 * of 0 means "no switch", so shrinking the choices towards 0 removes context switches.
 */
export const uniformSource = (choices: ReadonlyArray<number>): DecisionSource => {
  let index = 0;
  return {
    next(enabled, last) {
      const current = last !== undefined && enabled.includes(last) ? last : undefined;
      const order = current === undefined ? enabled : [current, ...enabled.filter((task) => task !== current)];
      const choice = choices[index++] ?? 0;
      return order[choice % order.length] as number;
    },
  };
};

/** Uniform random walk: its choices live in the case's schedule, none in the branches. */
export const uniformStrategy: ScheduleStrategy<"uniform"> = {
  name: "uniform",
  preemptions: fc.constant<ReadonlyArray<Preemption>>([]),
  schedule: fc.record({ kind: fc.constant("uniform" as const), choices: uniformChoices() }),
  source: ({ schedule }) => uniformSource(schedule?.kind === "uniform" ? schedule.choices : []),
};
