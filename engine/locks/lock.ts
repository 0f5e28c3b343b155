import { AsyncLocalStorage } from "node:async_hooks";
import { step } from "../step.js";
import type { RunLocks } from "./run-locks.js";

/** Gives a lock back; calling it again does nothing. */
export type Release = () => void;

/**
 * Shared by every copy of the package in the process, like the step host (engine/step.ts, whose
 * protocol check refuses an incompatible copy before this line runs): a design that imports another
 * copy must still take the run's locks, not plain ones.
 */
const scope = ((globalThis as { [key: symbol]: unknown })[Symbol.for("invariant-lab.lock-scope")] ??= new AsyncLocalStorage()) as AsyncLocalStorage<{
  readonly locks: RunLocks;
  readonly task: string;
}>;

/** Runs `body` as task `task` of a run whose harness locks are `locks`. */
export const runWithLocks = <T>(locks: RunLocks, task: string, body: () => Promise<T>): Promise<T> => scope.run({ locks, task }, body);

/** The key under which lock steps declare what they touch, so that steps on other keys commute. */
export const lockAccessKey = (key: string): string => `lock ${key}`;

const once = (release: () => void): Release => {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    release();
  };
};

/** Outside a run: the tail of each key's queue of waiters. */
const queues = new Map<string, Promise<void>>();

const plainLock = async (key: string): Promise<Release> => {
  const previous = queues.get(key) ?? Promise.resolve();
  let free: () => void = () => undefined;
  const mine = new Promise<void>((resolve) => (free = resolve));
  const tail = previous.then(() => mine);
  queues.set(key, tail);
  await previous;
  return once(() => {
    free();
    if (queues.get(key) === tail) queues.delete(key);
  });
};

/**
 * Takes the lock named `key` and resolves to its release. Inside a harness run the wait is visible to
 * the engine: the task parks at a gate (`lock <key>` in the timeline) and, while another task holds
 * the key, it is blocked rather than running, so the engine decides among the others and reports a
 * deadlock when every live task is blocked. Outside a run it is a plain async mutex per key.
 * WARNING: not reentrant; taking a key the task already holds throws. Keys are process-wide outside
 * a run and per run inside one.
 */
export const lock = async (key: string): Promise<Release> => {
  const current = scope.getStore();
  if (current === undefined) return plainLock(key);
  const { locks, task } = current;
  locks.want(task, key);
  await step(
    `lock ${key}`,
    () => locks.acquire(task, key),
    () => "",
    { writes: [lockAccessKey(key)] },
  );
  return once(() => locks.release(task, key));
};

/**
 * Runs `body` holding every lock in `keys`, taken one by one in one canonical order (sorted, without
 * repeats) so that two callers can never wait for each other; releases them, last taken first, when
 * `body` settles.
 */
export const withLocks = async <T>(keys: ReadonlyArray<string>, body: () => T | Promise<T>): Promise<T> => {
  const releases: Release[] = [];
  try {
    for (const key of [...new Set(keys)].sort()) releases.push(await lock(key));
    return await body();
  } finally {
    for (const release of releases.reverse()) release();
  }
};
