import type { Access } from "../step.js";

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
  /** Whether the source reads `positions[…].access` (exhaustive mode's reduction); steps then declare what they touch. */
  readonly readsAccess?: boolean;
  /**
   * `enabled`: the tasks that could move, in task order. `last`: the task that moved last (it may
   * have finished since), undefined before anyone moved. Returns one of `enabled`.
   */
  readonly next: (enabled: ReadonlyArray<number>, last: number | undefined, positions: ReadonlyArray<TaskPosition>) => number;
  /**
   * Told of every step of a phase of several tasks that cost no decision (only `task` could move),
   * just before it is taken, with where that task stands: so that a source can follow the whole order
   * of steps (exhaustive mode's race analysis needs it).
   */
  readonly forced?: (task: number, position: TaskPosition) => void;
}
