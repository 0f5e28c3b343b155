/** What must happen before the process goes, however it goes. */
export interface Guard {
  /** On SIGINT, SIGTERM or SIGHUP: may take a moment (drop a schema, stop a server). */
  readonly interrupted: () => Promise<void>;
  /** On exit, when nothing asynchronous can run any more: the last resort. */
  readonly exiting: () => void;
}

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
/** A signal that interrupts the process; it exits with 128 + the signal's number (SIGINT: 130, SIGTERM: 143). */
export type Signal = keyof typeof SIGNALS;
/** An interrupted run waits this long for its cleanups before it exits anyway. */
const INTERRUPT_GRACE_MS = 5_000;

const guards = new Set<Guard>();
const announcers = new Set<(signal: Signal) => void>();
let interrupting = false;

const onSignal = (signal: Signal): void => {
  const code = 128 + SIGNALS[signal];
  // A second signal while the cleanups run means "now": the exit guards still get their turn.
  if (interrupting) process.exit(code);
  interrupting = true;
  for (const announce of announcers) {
    try {
      announce(signal);
    } catch {
      // Saying so is a courtesy; the cleanups matter more.
    }
  }
  const cleanups = Promise.allSettled([...guards].map((guard) => guard.interrupted()));
  const grace = new Promise((resolve) => setTimeout(resolve, INTERRUPT_GRACE_MS).unref());
  void Promise.race([cleanups, grace]).finally(() => process.exit(code));
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

const listening = (): boolean => guards.size + announcers.size > 0;

/** Signal handlers are installed only while someone listens, because a handler replaces Node's default of exiting at once. */
const register = <T>(set: Set<T>, item: T): (() => void) => {
  if (!listening()) {
    for (const signal of Object.keys(SIGNALS) as Signal[]) process.on(signal, listeners[signal]);
    process.on("exit", onExit);
  }
  set.add(item);
  return () => {
    if (!set.delete(item) || listening()) return;
    for (const signal of Object.keys(SIGNALS) as Signal[]) process.removeListener(signal, listeners[signal]);
    process.removeListener("exit", onExit);
  };
};

/** Registers cleanups for an interrupted or exiting process and returns the function that unregisters them. */
export const guardExit = (guard: Guard): (() => void) => register(guards, guard);

/**
 * Registers what to say when a signal interrupts the process (e.g. print `interrupted`), before
 * the cleanups run; returns the function that unregisters it. The process then exits with
 * 128 + the signal's number once the cleanups are done (at most a few seconds), and at once on a
 * second signal.
 */
export const onInterrupt = (announce: (signal: Signal) => void): (() => void) => register(announcers, announce);
