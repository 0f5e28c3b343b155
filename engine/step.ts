import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What a step reads and writes, declared before it runs, so that the engine can tell at the gate which
 * waiting steps commute (exhaustive mode explores only one order of steps that do). Keys are free-form
 * names of stored things (`lamp l1`); a key ending in `*` stands for every key with that prefix.
 * WARNING: the declaration must cover everything the task touches from this gate up to its next one,
 * the code after the action included; a step declared too narrowly makes exhaustive proofs unsound.
 */
export interface Access {
  readonly reads?: ReadonlyArray<string>;
  readonly writes?: ReadonlyArray<string>;
}

/** Where a task parks: the engine calls `arrive` and resumes the task when it decides to. */
export interface StepHost {
  /** The task's name in reports: `P` for the sequential prefix, `T1`… for concurrent branches. */
  readonly task: string;
  /** `access` is the step's declaration; undefined means it may touch anything. */
  readonly arrive: (label: string, access?: Access) => Promise<void>;
  /** Whether the engine reads declarations in this run (a proof that reduces); absent: it does not. */
  readonly readsAccess?: boolean;
  readonly record: (label: string, result: string) => void;
}

/**
 * The shape of the shared host below; a copy of the package that expects another shape must not
 * join it. Raise it whenever {@link StepHost} or the registry entry changes incompatibly.
 */
const PROTOCOL = 1;

/** What every copy of the package in a process shares: one store of the running task's host. */
interface HostRegistry {
  readonly protocol: number;
  readonly storage: AsyncLocalStorage<StepHost>;
}

const REGISTRY = Symbol.for("invariant-lab.step-host");

/**
 * A design may import another copy of this package than the engine does (a second install, a
 * bundled copy, a module loaded under two URLs). Each copy would have its own storage, and the
 * design's steps would never see the engine's host: they would run uncontrolled, silently. So all
 * copies share the first one's storage through a process-wide registry, and a copy that cannot share
 * it (another protocol) refuses to load instead.
 */
const sharedStorage = (): AsyncLocalStorage<StepHost> => {
  const registry = globalThis as { [REGISTRY]?: unknown };
  const existing = registry[REGISTRY] as Partial<HostRegistry> | undefined;
  if (existing === undefined) {
    const created: HostRegistry = { protocol: PROTOCOL, storage: new AsyncLocalStorage<StepHost>() };
    Object.defineProperty(registry, REGISTRY, { value: created, enumerable: false, configurable: true, writable: false });
    return created.storage;
  }
  if (existing.protocol !== PROTOCOL || !(existing.storage instanceof AsyncLocalStorage)) {
    throw new Error(
      `invariant-lab: another copy of the harness, with step protocol ${String(existing.protocol)} (this one has ${PROTOCOL}), is already loaded in this process; ` +
        "a design's step() calls must reach the engine that runs it, so install one version of invariant-lab (npm ls invariant-lab shows the copies)",
    );
  }
  return existing.storage;
};

const host = sharedStorage();

/** The controlled task the caller runs in, if any: lets a backend tie a connection to a task. */
export const currentTask = (): string | undefined => host.getStore()?.task;

/**
 * Whether the run the caller is in reads what steps declare: a backend whose declarations cost work
 * (a database statement's asks the catalog) works them out only then, not in random mode.
 */
export const accessRead = (): boolean => host.getStore()?.readsAccess === true;

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
 * the action returned is recorded beside it. Outside a harness run, `action` simply runs. `access`
 * optionally declares what the step touches (see {@link Access}); without it the step is assumed to
 * conflict with every other step, which is always sound.
 */
export const step = async <T>(label: string, action: () => T | Promise<T>, describe: (result: T) => string = show, access?: Access): Promise<T> => {
  const current = host.getStore();
  if (current === undefined) return action();
  await current.arrive(label, access);
  try {
    const result = await action();
    current.record(label, describe(result));
    return result;
  } catch (error) {
    current.record(label, `threw ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
};
