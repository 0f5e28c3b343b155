import type { Worker } from "node:worker_threads";
import { guardExit } from "../../backends/exit-guard.js";
import type { VerifyFlags } from "../verify-options.js";
import { type FromWorker, type Job, type JobResult, Shared, type ToWorker, type WorkerStart } from "./protocol.js";
import { startWorker } from "./start-worker.js";

interface Pending {
  readonly id: number;
  readonly job: Job;
  readonly resolve: (result: JobResult) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress: ((count: number) => void) | undefined;
}

interface Member {
  readonly worker: Worker;
  busy: Pending | undefined;
  gone: boolean;
}

/**
 * Worker threads of one `verify` run, each with its own copy of the matrix and its own backend
 * sessions, handed one job at a time: whichever is free takes the next. Jobs are independent and
 * their results are combined by the caller in a fixed order, so the verdicts do not depend on how
 * many workers there are or which took what.
 */
export class WorkerPool {
  private readonly members: Member[];
  private readonly queue: Pending[] = [];
  private readonly cells: Int32Array;
  private next = 0;
  private readonly unguard: () => void;

  private constructor(size: number, flags: VerifyFlags) {
    const shared = new SharedArrayBuffer(Shared.cells * Int32Array.BYTES_PER_ELEMENT);
    this.cells = new Int32Array(shared);
    const start: WorkerStart = { flags, shared };
    this.members = Array.from({ length: size }, () => {
      const member: Member = { worker: startWorker(start), busy: undefined, gone: false };
      member.worker.on("message", (message: FromWorker) => this.receive(member, message));
      member.worker.on("error", (error) => this.lose(member, error));
      member.worker.on("exit", (code) => this.lose(member, new Error(`a worker thread exited with status ${code}`)));
      return member;
    });
    // On a signal the workers stop at their next run and stop their own backend sessions (a worker's
    // embedded server is its own to remove) before the process exits.
    this.unguard = guardExit({ interrupted: () => this.close(), exiting: () => undefined });
  }

  /** `size` worker threads for the run `flags` describe. */
  static start(size: number, flags: VerifyFlags): WorkerPool {
    return new WorkerPool(size, flags);
  }

  get size(): number {
    return this.members.length;
  }

  /** Executions run so far by every worker (exhaustive jobs count them as they go). */
  get executions(): number {
    return Atomics.load(this.cells, Shared.executions);
  }

  set executions(value: number) {
    Atomics.store(this.cells, Shared.executions, value);
  }

  /** Queues a job for the next free worker; `onProgress` hears a random check's runs. */
  run(job: Job, onProgress?: (count: number) => void): Promise<JobResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.next++, job, resolve, reject, onProgress });
      this.dispatch();
    });
  }

  /** Workers refuse further runs: the jobs in flight end at their next run, the queued ones fail. */
  stop(): void {
    Atomics.store(this.cells, Shared.stop, 1);
    for (const pending of this.queue.splice(0)) pending.reject(new Error("interrupted"));
  }

  /** Asks every worker to stop its backend sessions and waits until each has exited. */
  async close(): Promise<void> {
    this.unguard();
    this.stop();
    await Promise.all(
      this.members
        .filter((member) => !member.gone)
        .map(
          (member) =>
            new Promise<void>((resolve) => {
              member.worker.once("exit", () => resolve());
              member.worker.postMessage({ kind: "close" } satisfies ToWorker);
            }),
        ),
    );
  }

  private dispatch(): void {
    for (const member of this.members) {
      if (member.gone || member.busy !== undefined) continue;
      const pending = this.queue.shift();
      if (pending === undefined) return;
      member.busy = pending;
      member.worker.postMessage({ kind: "job", id: pending.id, job: pending.job } satisfies ToWorker);
    }
  }

  private receive(member: Member, message: FromWorker): void {
    const pending = member.busy;
    if (message.kind === "closed") return;
    if (pending === undefined || message.id !== pending.id) return;
    if (message.kind === "progress") {
      pending.onProgress?.(message.count);
      return;
    }
    member.busy = undefined;
    if (message.kind === "done") pending.resolve(message.result);
    else pending.reject(new Error(message.message));
    this.dispatch();
  }

  /** A worker that died fails its job; the others take the queue, and with none left the queue fails. */
  private lose(member: Member, error: Error): void {
    if (member.gone) return;
    member.gone = true;
    member.busy?.reject(error);
    member.busy = undefined;
    if (this.members.every((other) => other.gone)) for (const pending of this.queue.splice(0)) pending.reject(error);
    else this.dispatch();
  }
}
