import type { DecisionSource } from "./decision-source.js";

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
