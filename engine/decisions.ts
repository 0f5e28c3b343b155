import type { Access } from "./step.js";

/** Where a task stands: which of its branch's commands it runs and how many steps of it it took. */
export interface TaskPosition {
  readonly command: number;
  readonly step: number;
  /** Parked at a gate, running (with a probe: blocked on a lock) or done; the engine always sets it. */
  readonly state?: "running" | "parked" | "done";
  /** What the step it is parked before declared it touches; undefined: undeclared (touches anything). */
  readonly access?: Access;
}

/**
 * Who moves next when several tasks wait at a gate. A decision source is asked only when at least
 * two tasks could move; everything else is forced and costs no decision. Tasks are named by their
 * index in the phase (0 for T1).
 */
export interface DecisionSource {
  /**
   * `enabled`: the tasks that could move, in task order. `last`: the task that moved last (it may
   * have finished since), undefined before anyone moved. Returns one of `enabled`.
   */
  readonly next: (enabled: ReadonlyArray<number>, last: number | undefined, positions: ReadonlyArray<TaskPosition>) => number;
}

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
