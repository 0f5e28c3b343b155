import type { Mode } from "../../engine/random/check.js";
import type { VerifyFlags } from "../verify-options.js";

/** What a worker thread receives when it starts: the run's flags (it selects the same matrix) and the shared counters. */
export interface WorkerStart {
  readonly flags: VerifyFlags;
  /** Int32 cells shared by every thread of the run: see {@link Shared}. */
  readonly shared: SharedArrayBuffer;
}

/** The cells of the shared buffer. */
export const Shared = {
  /** Executions run so far by every worker, for the progress line and an execution budget. */
  executions: 0,
  /** Set to 1 when the run must stop (a signal): workers refuse further runs. */
  stop: 1,
  /** The smallest program size at which some worker met a failure: larger programs need not run. */
  cells: 2,
} as const;

/** How a worker walks one program of a proof domain. */
export interface WalkRequest {
  readonly reduction: boolean;
  readonly preemptionBound: number | undefined;
  /** Executions of the whole search the budget allows (the shared counter counts them). */
  readonly executionBudget: number | undefined;
  /** The time budget's end, in milliseconds since the epoch. */
  readonly deadline: number | undefined;
}

/** A job for a worker: walk one program of a target's proof domain, or run one random check. */
export type Job =
  | { readonly kind: "explore"; readonly target: number; readonly position: number; readonly walk: WalkRequest }
  | { readonly kind: "check"; readonly target: number; readonly mode: Mode; readonly seed: number };

/** What a program's walk found; a failure travels as the decisions that replay it. */
export interface Explored {
  readonly kind: "explored";
  readonly executions: number;
  readonly redundant: number;
  readonly undecided: number;
  readonly complete: boolean;
  readonly failure?: { readonly decisions: ReadonlyArray<number>; readonly executions: number };
}

/** A random check's report, as the single-threaded run prints it, and whether its verdict was the expected one. */
export interface Checked {
  readonly kind: "checked";
  readonly lines: ReadonlyArray<string>;
  readonly ok: boolean;
}

export type JobResult = Explored | Checked;

/** Main thread → worker. */
export type ToWorker = { readonly kind: "job"; readonly id: number; readonly job: Job } | { readonly kind: "close" };

/** Worker → main thread. */
export type FromWorker =
  | { readonly kind: "done"; readonly id: number; readonly result: JobResult }
  | { readonly kind: "failed"; readonly id: number; readonly message: string }
  | { readonly kind: "progress"; readonly id: number; readonly count: number }
  | { readonly kind: "closed" };
