import fc from "fast-check";
import type { DecisionSource } from "./decision-source.js";
import type { ScheduleStrategy } from "./strategy.js";

/** "Just before this command takes its step number `step` (from 0), switch to another task." */
export interface Preemption {
  readonly step: number;
  /** Which of the other waiting tasks, in task order, wrapping around. */
  readonly to: number;
}

/**
 * The default schedule runs the current task until it finishes, then the first one still waiting;
 * each preemption adds exactly one context switch to that. Preemptions belong to the command they
 * interrupt (`preemptions[task][command]`), so when fast-check removes a command its preemptions go
 * with it and nobody else's move, and every preemption removed is one context switch fewer.
 */
export const preemptionSource = (preemptions: ReadonlyArray<ReadonlyArray<ReadonlyArray<Preemption>>>): DecisionSource => ({
  next(enabled, last, positions) {
    const current = enabled.includes(last ?? 0) ? (last ?? 0) : undefined;
    if (current === undefined) return enabled[0] as number;
    const position = positions[current];
    const point = preemptions[current]?.[position?.command ?? -1]?.find((candidate) => candidate.step === position?.step);
    if (point === undefined) return current;
    const others = enabled.filter((task) => task !== current);
    return others[point.to % others.length] as number;
  },
});

/** Most commands take two to four steps (load, load, save, save); a preemption falls before one of them. Measured: 5 instead of 3 wastes points past the last step and needs up to twice the runs. */
const MAX_STEP = 3;

/** The default strategy: up to two preemption points per command, kept in the branches beside it. */
export const preemptionsStrategy: ScheduleStrategy<"preemptions"> = {
  name: "preemptions",
  preemptions: fc.array(fc.record({ step: fc.nat({ max: MAX_STEP }), to: fc.nat({ max: 1 }) }), { maxLength: 2 }),
  schedule: undefined,
  source: ({ preemptions }) => preemptionSource(preemptions),
};
