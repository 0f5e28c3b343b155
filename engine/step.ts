import { AsyncLocalStorage } from "node:async_hooks";

/** Where a task parks: the engine calls `arrive` and resumes the task when it decides to. */
export interface StepHost {
  /** The task's name in reports: `P` for the sequential prefix, `T1`… for concurrent branches. */
  readonly task: string;
  readonly arrive: (label: string) => Promise<void>;
  readonly record: (label: string, result: string) => void;
}

const host = new AsyncLocalStorage<StepHost>();

/** The controlled task the caller runs in, if any: lets a backend tie a connection to a task. */
export const currentTask = (): string | undefined => host.getStore()?.task;

/** Runs `body` as a controlled task: every {@link step} inside parks at the engine's gate. */
export const runControlled = <T>(stepHost: StepHost, body: () => Promise<T>): Promise<T> => host.run(stepHost, body);

const MAX_RESULT = 60;

/** Shortens what a step read or wrote so that a timeline cell stays readable. */
export const show = (value: unknown): string => {
  if (value === undefined) return "";
  const text = typeof value === "string" ? value : ((JSON.stringify(value) as string | undefined) ?? typeof value);
  return text.length > MAX_RESULT ? `${text.slice(0, MAX_RESULT - 1)}…` : text;
};

/**
 * An await point the harness controls. The task parks here *before* `action` runs, so the harness
 * chooses which task acts next; `label` names the action in the timeline ("load group g1") and what
 * the action returned is recorded beside it. Outside a harness run, `action` simply runs.
 */
export const step = async <T>(label: string, action: () => T | Promise<T>, describe: (result: T) => string = show): Promise<T> => {
  const current = host.getStore();
  if (current === undefined) return action();
  await current.arrive(label);
  try {
    const result = await action();
    current.record(label, describe(result));
    return result;
  } catch (error) {
    current.record(label, `threw ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
};
