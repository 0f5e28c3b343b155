import { getActiveResourcesInfo } from "node:process";

/** Macrotask turns a task may stay running, with nothing in flight outside, before it is judged to wait unseen. */
export const STALL_TURNS = 5;

/**
 * And the wall-clock time those turns must span: longer than a short timer of the design's own, so
 * that a timer that fires in time is never judged, even if some unrelated timer of the process
 * (a test runner's) ended meanwhile and the census cannot show the design's.
 */
export const STALL_MS = 50;

const census = (): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const resource of getActiveResourcesInfo()) counts.set(resource, (counts.get(resource) ?? 0) + 1);
  return counts;
};

/** How long to wait between looks once a task awaits real work (a timer, a socket). */
const POLL_MS = 5;

/**
 * Calls `passed` after one turn of the event loop (every pending microtask and I/O callback runs
 * first) or, when `slow`, after a short timer. The returned function cancels it, so that the
 * watch's own timers never count as work in flight.
 */
export const nextTurn = (slow: boolean, passed: () => void): (() => void) => {
  if (slow) {
    const timer = setTimeout(passed, POLL_MS);
    return () => clearTimeout(timer);
  }
  const immediate = setImmediate(passed);
  return () => clearImmediate(immediate);
};

/**
 * Tells a task that awaits something the harness cannot see (a promise mutex of its own, a promise
 * that never settles) from one that awaits real work (a timer, a socket, a file). Without a probe, a
 * running task can only be woken by the event loop: if it stays running for {@link STALL_TURNS}
 * turns while the process holds no timer, handle or request beyond those it held when the phase
 * began, and for at least {@link STALL_MS}, nothing can wake it except another task, and those are
 * parked at the engine's gates.
 * Anything new in flight (or a backend with a probe) defers to the run's time limit instead.
 */
export class StallWatch {
  private readonly baseline = census();
  private turns = 0;
  private quietSince = 0;

  /** Something changed: a task parked, finished or failed. */
  reset(): void {
    this.turns = 0;
  }

  /** Counts a quiet turn; true once enough of them passed with nothing in flight outside. */
  quietTurn(): boolean {
    if (this.turns++ === 0) this.quietSince = performance.now();
    if (this.turns < STALL_TURNS || performance.now() - this.quietSince < STALL_MS) return false;
    for (const [resource, count] of census()) if (count > (this.baseline.get(resource) ?? 0)) return false;
    return true;
  }

  /** Enough quiet turns passed but something was in flight: wait for the loop rather than spin on it. */
  get waiting(): boolean {
    return this.turns >= STALL_TURNS;
  }
}
