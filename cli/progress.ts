import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { BackendSession } from "../engine/backend.js";
import { type BusyLoop, type Watchdog, watchBusyLoops } from "../engine/watchdog/busy-loop.js";
import { onInterrupt, type Signal } from "../backends/exit-guard.js";
import { interruptibleSession } from "./interruptible-session.js";

/**
 * Shows how far a long check has got, on the terminal only: a redirected run gets the verdict lines
 * alone, which already tell progress one check at a time.
 */
export const progressLine = (
  stream: NodeJS.WriteStream,
  title: string,
  live: () => boolean = () => true,
): { update: (runs: number) => void; done: () => void } => {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let shown = 0;
  return {
    update(runs) {
      if (!live()) return;
      // Redrawing on every run would cost more than a run in memory.
      if (runs - shown < 25 && runs > 1) return;
      shown = runs;
      stream.write(`\r\x1b[2K  … ${title}: ${runs} runs`);
    },
    done() {
      stream.write("\r\x1b[2K");
    },
  };
};

/**
 * The checks of one `verify` run still owed a verdict, and whether a signal cut the run short.
 * On SIGINT or SIGTERM it says, in one line, which checks did not complete, and from then on
 * prints nothing: a check in flight fails only because its backend is being torn down, so its
 * verdict would blame the design for the interrupt. The exit guard then lets the backends clean up
 * and exits with 128 + the signal's number, whatever the command goes on to return.
 */
export class RunProgress {
  /** The signal that interrupted the run, if one did. */
  interruptedBy: Signal | undefined;
  private readonly pending: Set<string>;
  private readonly unlisten: () => void;
  private watchdog: Watchdog | undefined;

  constructor(
    titles: ReadonlyArray<string>,
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {
    this.pending = new Set(titles);
    this.unlisten = onInterrupt((signal) => this.interrupt(signal));
  }

  /** Whether the last line printed ended with an empty line. */
  private blank = false;

  /** Prints a line of the report, unless the run was interrupted. */
  readonly out = (line: string): void => {
    if (this.interruptedBy !== undefined) return;
    this.write(line);
    this.blank = line === "" || line.endsWith("\n");
  };

  /** Prints a line after one empty line (a report already ends with one). */
  readonly paragraph = (line: string): void => this.out(this.blank ? line : `\n${line}`);

  /** Whether to start the next check. */
  get going(): boolean {
    return this.interruptedBy === undefined;
  }

  /** A check got its verdict (or was skipped): it completed. */
  completed(title: string): void {
    this.pending.delete(title);
  }

  /** The session as its checks should see it: after an interrupt it lends no more runs. */
  interruptible(session: BackendSession): BackendSession {
    return interruptibleSession(session, () => (this.interruptedBy === undefined ? undefined : `interrupted by ${this.interruptedBy}`));
  }

  /** The check running now, named in the report should a design never yield during it. */
  checking: string | undefined;

  /**
   * Watches the checks for a design that never yields, found after `stallMs` without a turn of the
   * event loop: its check is reported hung, where it was busy, the checks left are named, and the
   * process exits with status 1 (nothing can unwind a synchronous loop; see watchBusyLoops).
   */
  async watch(stallMs: number): Promise<void> {
    this.watchdog = await watchBusyLoops(stallMs, (loop) => this.busy(loop)).catch(() => undefined);
  }

  /** The design never yields: nothing can unwind its stack, so this check's report is the last word. */
  private busy(loop: BusyLoop): never {
    if (process.stderr.isTTY) process.stderr.write("\r\x1b[2K");
    const file = loop.url.startsWith("file:") ? relative(process.cwd(), fileURLToPath(loop.url)) : loop.url;
    const where = `${loop.task === undefined ? "" : ` in task ${loop.task}`} in ${loop.function} (${file}:${loop.line})`;
    this.out(
      `✗ hung      ${this.checking ?? "setup"}: busy${where} for ${loop.stalledMs} ms without yielding: a synchronous loop never reaches a step(), and no time limit can stop it`,
    );
    if (this.checking !== undefined) this.completed(this.checking);
    const left = [...this.pending];
    const none =
      left.length === 0 ? "every other check had completed" : `${left.length} check${left.length === 1 ? "" : "s"} did not complete: ${left.join(", ")}`;
    this.out(`\nstopped: ${none}`);
    process.exit(1);
  }

  async unwatch(): Promise<void> {
    await this.watchdog?.stop();
    this.watchdog = undefined;
  }

  /** The run is over: a later signal gets Node's default again (unless a backend still listens). */
  close(): void {
    this.unlisten();
  }

  private interrupt(signal: Signal): void {
    if (process.stderr.isTTY) process.stderr.write("\r\x1b[2K");
    const left = [...this.pending];
    const none = left.length === 0 ? "every check had completed" : `${left.length} check${left.length === 1 ? "" : "s"} did not complete: ${left.join(", ")}`;
    this.write(`\ninterrupted by ${signal}: ${none}`);
    this.interruptedBy = signal;
    // Its inspector session, still connected at the exit, would make Node say it waits for a debugger.
    void this.unwatch();
  }
}
