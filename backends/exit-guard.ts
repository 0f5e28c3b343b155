/** What must happen before the process goes, however it goes. */
export interface Guard {
  /** On SIGINT, SIGTERM or SIGHUP: may take a moment (drop a schema, stop a server). */
  readonly interrupted: () => Promise<void>;
  /** On exit, when nothing asynchronous can run any more: the last resort. */
  readonly exiting: () => void;
}

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
type Signal = keyof typeof SIGNALS;
/** An interrupted run waits this long for its cleanups before it exits anyway. */
const INTERRUPT_GRACE_MS = 5_000;

const guards = new Set<Guard>();
let interrupting = false;

const onSignal = (signal: Signal): void => {
  if (interrupting) return;
  interrupting = true;
  const cleanups = Promise.allSettled([...guards].map((guard) => guard.interrupted()));
  const grace = new Promise((resolve) => setTimeout(resolve, INTERRUPT_GRACE_MS).unref());
  void Promise.race([cleanups, grace]).finally(() => process.exit(128 + SIGNALS[signal]));
};

const onExit = (): void => {
  for (const guard of guards) {
    try {
      guard.exiting();
    } catch {
      // The process is going anyway; the other guards still get their turn.
    }
  }
};

const listeners = Object.fromEntries(Object.keys(SIGNALS).map((signal) => [signal, () => onSignal(signal as Signal)])) as Record<Signal, () => void>;

/**
 * Registers cleanups for an interrupted or exiting process and returns the function that
 * unregisters them. Signal handlers are installed only while some guard is registered, because a
 * handler replaces Node's default of exiting at once.
 */
export const guardExit = (guard: Guard): (() => void) => {
  if (guards.size === 0) {
    for (const signal of Object.keys(SIGNALS) as Signal[]) process.on(signal, listeners[signal]);
    process.on("exit", onExit);
  }
  guards.add(guard);
  return () => {
    if (!guards.delete(guard) || guards.size > 0) return;
    for (const signal of Object.keys(SIGNALS) as Signal[]) process.removeListener(signal, listeners[signal]);
    process.removeListener("exit", onExit);
  };
};
