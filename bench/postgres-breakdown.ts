import pg from "pg";
import type { Implementation } from "../engine/implementation.js";

/** Where one design's executions spent their time and their round trips to the server. */
export interface Breakdown {
  /** `create`: giving the run empty tables. */
  resetMs: number;
  resetTrips: number;
  /** Snapshots the engine read (one per decision after a possible change, and at rest), their time and round trips. */
  snapshots: number;
  snapshotMs: number;
  snapshotTrips: number;
  /** Questions to the blocking probe (time in `Execution.probeMs`). */
  probeTrips: number;
  /** The design's own statements, on the gated pool, and the harness's around them. */
  statementTrips: number;
  /** CPU time of this process (harness, driver, design code) while the executions ran. */
  cpuMs: number;
}

export const emptyBreakdown = (): Breakdown => ({
  resetMs: 0,
  resetTrips: 0,
  snapshots: 0,
  snapshotMs: 0,
  snapshotTrips: 0,
  probeTrips: 0,
  statementTrips: 0,
  cpuMs: 0,
});

type Phase = "reset" | "snapshot" | undefined;
let phase: Phase;
let counting: Breakdown | undefined;

/** The probe's own statements, told apart by what they ask. */
const PROBE = /pg_blocking_pids|pg_cancel_backend|pg_terminate_backend/;

/**
 * Counts every statement a `pg` client sends while `breakdown` is being filled, at the moment it goes
 * out (`Query#submit`, looked up on each send, so connections opened before count too): a statement of
 * the probe, one sent while the design's `create` or `snapshot` runs (the reset's or the snapshot's),
 * or any other (a statement of a command). Each is one round trip.
 */
const install = (() => {
  let installed = false;
  return () => {
    if (installed) return;
    installed = true;
    const prototype = (pg as unknown as { Query: { prototype: { submit: (...args: unknown[]) => unknown } } }).Query.prototype;
    const submit = prototype.submit;
    prototype.submit = function (this: { text?: unknown }, ...args: unknown[]) {
      if (counting !== undefined) {
        if (typeof this.text === "string" && PROBE.test(this.text)) counting.probeTrips++;
        else if (phase === "reset") counting.resetTrips++;
        else if (phase === "snapshot") counting.snapshotTrips++;
        else counting.statementTrips++;
      }
      return submit.apply(this, args);
    };
  };
})();

/** Runs `work` with its round trips and CPU time added to `breakdown`. */
export const countInto = async <T>(breakdown: Breakdown, work: () => Promise<T>): Promise<T> => {
  install();
  counting = breakdown;
  const cpu = process.cpuUsage();
  try {
    return await work();
  } finally {
    const used = process.cpuUsage(cpu);
    breakdown.cpuMs += (used.user + used.system) / 1000;
    counting = undefined;
  }
};

const timed = async <T>(which: Exclude<Phase, undefined>, add: (ms: number) => void, work: () => T | Promise<T>): Promise<T> => {
  const started = performance.now();
  phase = which;
  try {
    return await work();
  } finally {
    phase = undefined;
    add(performance.now() - started);
  }
};

/** The design with its `create` and every `snapshot` timed into `breakdown` (while one is being filled). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any design of any family
export const timedDesign = <I extends Implementation<any, any, any, any, any>>(implementation: I, breakdown: () => Breakdown | undefined): I => ({
  ...implementation,
  create: async (context: Parameters<I["create"]>[0]) => {
    const instance = await timed(
      "reset",
      (ms) => {
        const into = breakdown();
        if (into !== undefined) into.resetMs += ms;
      },
      () => implementation.create(context),
    );
    return {
      ...instance,
      snapshot: () =>
        timed(
          "snapshot",
          (ms) => {
            const into = breakdown();
            if (into === undefined) return;
            into.snapshotMs += ms;
            into.snapshots++;
          },
          (): unknown => instance.snapshot(),
        ),
    };
  },
});
