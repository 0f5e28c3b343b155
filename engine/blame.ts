import type { Failure } from "./failure.js";
import { DeadlineExceeded } from "./tasks.js";

/** An error's message for a report: reports name what broke, never print a stack. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Thrown inside a run to end it with a failure already blamed on a task or a call. */
export class TaskFault extends Error {
  constructor(readonly failure: Failure) {
    super(failure.kind);
  }
}

/** Where the engine was waiting for the implementation when the error came. */
export interface Site {
  /** A task's name, or `setup` (create) or `snapshot`. */
  readonly task: string;
  /** The command or call in progress, for reports (e.g. `create()`). */
  readonly command?: string;
  /** The last step the engine released before the call, when there was one. */
  readonly label?: string;
}

/**
 * The one mapping from an error caught around a call into the implementation to the failure it
 * stands for: a failure already blamed stays as it is; the run's time limit, reached while the
 * engine waited for the call, is `hung` at that site (the call never answered); anything else is
 * `threw` there.
 */
export const blame = (error: unknown, site: Site): Failure => {
  if (error instanceof TaskFault) return error.failure;
  if (error instanceof DeadlineExceeded) {
    return { kind: "hung", limitMs: error.limitMs, tasks: [{ task: site.task, command: site.command, state: "running", label: site.label ?? "start" }] };
  }
  return { kind: "threw", task: site.task, command: site.command, message: errorText(error) };
};
