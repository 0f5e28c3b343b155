import { findSourceMap } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { currentTask } from "../step.js";
import { BUSY_HANDLER, DOG_SOURCE } from "./dog-source.js";

/** Where a design kept the process busy without ever yielding. */
export interface BusyLoop {
  /** The function it was busy in, and its file (a `file:` URL) and line. */
  readonly function: string;
  readonly url: string;
  readonly line: number;
  /** How long the process had gone without a turn of its event loop when it was found. */
  readonly stalledMs: number;
  /** The controlled task it was busy in, if any. */
  readonly task: string | undefined;
}

/** A running watchdog. */
export interface Watchdog {
  readonly stop: () => Promise<void>;
}

/** The harness's own directories: code there that keeps the process busy is working, not stuck. */
const HARNESS = ["engine", "cli", "properties", "backends", "bench", "model"].map((dir) => fileURLToPath(new URL(`../../${dir}/`, import.meta.url)));

/** The line in the source file, when the loaded code was compiled from it (TypeScript) with a source map. */
const sourceLine = (url: string, line: number, column: number): number => {
  try {
    const entry = findSourceMap(url.startsWith("file:") ? fileURLToPath(url) : url)?.findEntry(line - 1, column);
    return entry !== undefined && "originalLine" in entry ? entry.originalLine + 1 : line;
  } catch {
    return line;
  }
};

/** How often the event loop beats while the watchdog runs. */
const BEAT_MS = 20;

/**
 * Watches for a design that never yields (a synchronous infinite loop): a run's time limit cannot
 * stop it, because no timer fires while the process is busy. A thread of its own reads a heartbeat
 * that the event loop writes to shared memory; when it stops for longer than `stallMs`, the thread
 * pauses the process through the inspector, and if the code it is busy in is a design's (not the
 * harness's, not a library's), it calls `onBusy` right there, on the paused stack. Nothing can
 * unwind that stack safely, so `onBusy` must report and end the process (`process.exit` still runs
 * the exit guards' last-resort cleanups).
 */
export const watchBusyLoops = async (stallMs: number, onBusy: (loop: BusyLoop) => never): Promise<Watchdog> => {
  const registry = globalThis as Record<symbol, unknown>;
  registry[Symbol.for(BUSY_HANDLER)] = ({ column, ...loop }: Omit<BusyLoop, "task"> & { column: number }) =>
    onBusy({ ...loop, line: sourceLine(loop.url, loop.line, column), task: currentTask() });
  const beat = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(DOG_SOURCE, {
    eval: true,
    workerData: { beat, stallMs, handler: BUSY_HANDLER, harness: HARNESS.map((dir) => pathToFileURL(dir).href) },
  });
  // The inspector only connects while the process is idle: wait for the debugger before any run starts.
  await new Promise<void>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", () => resolve());
  });
  worker.unref();
  const heart = setInterval(() => Atomics.add(beat, 0, 1), BEAT_MS).unref();
  const watchdog: Watchdog = {
    stop: async () => {
      watching.delete(watchdog);
      clearInterval(heart);
      delete registry[Symbol.for(BUSY_HANDLER)];
      await worker.terminate();
    },
  };
  watching.add(watchdog);
  return watchdog;
};

const watching = new Set<Watchdog>();

/**
 * Stops every watchdog of the process, for an exit that does not come at the end of a run: Node
 * prints "Waiting for the debugger to disconnect" at an exit while a watchdog's inspector session
 * is still connected.
 */
export const stopEveryWatchdog = async (): Promise<void> => {
  await Promise.all([...watching].map((watchdog) => watchdog.stop()));
};
