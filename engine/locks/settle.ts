import type { BlockingProbe } from "../backend.js";
import type { Failure } from "../failure.js";
import type { History } from "../history.js";
import type { ControlledTask, Deadline, Signal } from "../tasks.js";
import { nextTurn, StallWatch } from "./stall.js";

/** What waiting for the running tasks needs from the phase. */
export interface SettleContext {
  readonly probe: BlockingProbe | undefined;
  readonly history: History<unknown, unknown>;
  readonly deadline: Deadline;
  readonly counters: { probeMs: number };
}

/** Thrown when a running task waits for something only another (parked) task could settle. */
export class UnseenWait extends Error {
  constructor(readonly failure: Extract<Failure, { kind: "unseen-wait" }>) {
    super(failure.kind);
  }
}

/**
 * Waits until no task is working: each is parked, done, or (with a probe) blocked on a lock.
 * Without a probe, a task that stays running with nothing in flight is reported (see {@link StallWatch}).
 */
export const settle = async (context: SettleContext, tasks: ReadonlyArray<ControlledTask>, changed: Signal, watch: StallWatch): Promise<void> => {
  const { probe, history, counters } = context;
  watch.reset();
  for (;;) {
    const running = tasks.filter((task) => task.state === "running");
    if (running.length === 0) return;
    if (probe !== undefined) {
      // Two running tasks may wait for each other: a deadlock, which the probe breaks by rule.
      if (running.length > 1 || tasks.some((task) => task.state === "parked")) {
        const asked = performance.now();
        const blocked = await probe.blocked(running.map((task) => task.name));
        counters.probeMs += performance.now() - asked;
        if (running.every((task) => blocked.has(task.name))) {
          for (const task of running) history.waited(task.name, blocked.get(task.name) ?? []);
          return;
        }
      }
      await waitForChange(context, changed);
      continue;
    }
    const moved = await changeOrTurn(changed, context.deadline, watch.waiting);
    if (moved) watch.reset();
    else if (watch.quietTurn()) {
      throw new UnseenWait({ kind: "unseen-wait", tasks: running.map((task) => ({ task: task.name, command: task.command, label: task.label })) });
    }
  }
};

/**
 * True when a task parks or finishes before the event loop's next turn passes, false when the turn
 * passes first; rejects when the time limit passes first. A proof waits here after every step, so
 * it is one promise whose losers are cancelled, not a race of promises left pending.
 */
const changeOrTurn = (changed: Signal, deadline: Deadline, slow: boolean): Promise<boolean> =>
  new Promise<boolean>((resolve, reject) => {
    let open = true;
    const cancels: Array<() => void> = [];
    const end = (settleIt: () => void) => {
      if (!open) return;
      open = false;
      for (const cancel of cancels) cancel();
      settleIt();
    };
    cancels.push(deadline.onExpiry((error) => end(() => reject(error))));
    if (!open) return;
    cancels.push(nextTurn(slow, () => end(() => resolve(false))));
    changed.once(() => end(() => resolve(true)));
  });

/** Waits for a task to park or finish, for the probe's next poll, or for the time limit. */
export const waitForChange = async ({ probe, deadline }: SettleContext, changed: Signal): Promise<void> => {
  const poll = probe === undefined ? [] : [new Promise<void>((resolve) => setTimeout(resolve, probe.pollMs))];
  await Promise.race([changed.wait(), deadline.expired, ...poll]);
};
