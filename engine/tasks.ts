import type { Access } from "./step.js";

/** Wakes everyone waiting for "something changed" (a task parked, finished or failed). */
export class Signal {
  private waiters: Array<() => void> = [];
  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
  /** Calls `wake` at the next change; cheaper than {@link wait} where a promise would be raced anyway. */
  once(wake: () => void): void {
    this.waiters.push(wake);
  }
  fire(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/**
 * One concurrent branch of a run. It is `running` from the moment the engine releases it until it
 * parks at its next await point or finishes; the engine decides only when no task is `running`
 * (or every running one is blocked on a lock held by another).
 */
export class ControlledTask {
  state: "running" | "parked" | "done" = "running";
  /** The await point it is parked at, or last passed. */
  label = "start";
  /** What the step it is parked before declared it touches; undefined: undeclared. */
  access: Access | undefined;
  /** The command it is executing, for reports. */
  command: string | undefined;
  /** Index of that command in the task's branch, and how many steps of it were released. */
  commandIndex = -1;
  step = 0;
  private resume: (() => void) | undefined;

  constructor(
    readonly name: string,
    private readonly changed: Signal,
  ) {}

  park(label: string, access?: Access): Promise<void> {
    this.state = "parked";
    this.label = label;
    this.access = access;
    const released = new Promise<void>((resolve) => (this.resume = resolve));
    this.changed.fire();
    return released;
  }

  startCommand(index: number, text: string): void {
    this.commandIndex = index;
    this.command = text;
    this.step = 0;
  }

  release(): void {
    const resume = this.resume;
    if (this.state !== "parked" || resume === undefined) throw new Error(`task ${this.name} is not parked`);
    this.state = "running";
    this.step++;
    this.resume = undefined;
    resume();
  }

  finish(): void {
    this.state = "done";
    this.changed.fire();
  }
}

/** The per-run time limit: a guard against hung implementations, never a means of ordering. */
export class Deadline {
  readonly expired: Promise<never>;
  private timer: NodeJS.Timeout | undefined;
  private readonly started = performance.now();
  private readonly listeners = new Set<(error: DeadlineExceeded) => void>();
  private expiredWith: DeadlineExceeded | undefined;

  constructor(readonly limitMs: number) {
    this.expired = new Promise<never>((_resolve, reject) => {
      this.timer = setTimeout(() => {
        const error = new DeadlineExceeded(limitMs);
        this.expiredWith = error;
        reject(error);
        for (const listener of this.listeners) listener(error);
      }, limitMs);
    });
    // Nobody may be racing against it when it fires; that must not become an unhandled rejection.
    this.expired.catch(() => undefined);
  }

  /**
   * Throws once the limit has passed. A run whose tasks park and resume without ever yielding to the
   * event loop (a spin through `step()`) never lets the timer fire: the engine asks at every decision.
   */
  check(): void {
    if (performance.now() - this.started >= this.limitMs) throw new DeadlineExceeded(this.limitMs);
  }

  /**
   * Calls `listener` with the error `expired` rejects with, at once if the limit has passed, else
   * when it passes unless the returned function was called first. Unlike racing `expired`, a wait
   * that ends first leaves nothing behind on it.
   */
  onExpiry(listener: (error: DeadlineExceeded) => void): () => void {
    if (this.expiredWith !== undefined) {
      listener(this.expiredWith);
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}

export class DeadlineExceeded extends Error {
  constructor(readonly limitMs: number) {
    super(`run exceeded its time limit of ${limitMs} ms`);
  }
}
