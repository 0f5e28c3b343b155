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

/**
 * How the server sections take the breakdown on PostgreSQL: the `pg` driver's statements counted by
 * role, and what the reset, the snapshots and the probe are on this backend, for the table's text.
 */
export const postgresBreakdown: BreakdownCounter = {
  countInto,
  explanation: [
    "Where an execution's time goes, per execution of the timed rounds: milliseconds · round trips to the server. The reset is",
    "the design's `create` (one round trip: the catalogue read and TRUNCATE in one string); the snapshots are the ones the engine",
    "read (it reuses the last one while the backend reports that nothing that could change the stored state has run since: no",
    "autocommit statement, no COMMIT); the probe asks `pg_blocking_pids` about statements in flight; the rest is the design's",
    "statements and the engine's own work (scheduling, invariants, the linearizability check), whose CPU time is the last column",
    "(this process only, not the server's).",
  ],
  notes: [
    "Before the snapshot reuse, the one-round-trip reset and the wait for the server's ready message after an error (instead",
    "of an empty statement), the full scale's batch (40 cases, seed 42; `--quick` takes 20) was timed side by side with the current code in one process on one",
    "embedded server (the earlier commit exported with `git archive` and imported beside this one; machine load about 20 on 2 cores; a warm-up round and 3 timed rounds",
    "each, the order alternating; every timeline identical between the two and across rounds). Per execution, before → after:",
    "",
    "| design | round trips | reset | snapshots read | probe | statements | executions per second (median round) | harness CPU ms |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    "| pg-row-locks | 77.6 → 50.8 | 2 → 1 | 37.3 → 11.7 | 4.3 → 4.2 | 33.9 → 33.9 | 4.6 → 7.6 (×1.65) | 22.7 → 15.7 |",
    "| pg-check-constraints | 59.2 → 36.9 | 2 → 1 | 28.9 → 8.9 | 1.1 → 1.3 | 27.3 → 25.8 (no empty statement after an error) | 10.1 → 12.5 (×1.24) | 12.7 → 9.0 |",
    "| pg-naive-rc | 40.7 → 25.4 | 2 → 1 | 20.2 → 6.1 | 1.2 → 1.0 | 17.3 → 17.3 | 14.2 → 15.6 (×1.10) | 10.3 → 8.7 |",
    "",
    "Round trips are counted, so they do not depend on the machine's load (the probe's vary a little with timing); the times do.",
    "Left as it is: TRUNCATE, the reset's main cost. DELETE would be cheaper for tables this small but leaves dead rows,",
    "pages and statistics that change with autovacuum's timing, so a scan without ORDER BY (the check-then-act reads, whose",
    "rows the timeline shows) could return rows in another order, or the planner pick another plan, from one run to the next.",
  ],
};

/** A backend whose round trips can be counted by role while its designs execute. */
export interface BreakdownCounter {
  /** Runs `work` with its round trips and CPU time added to `breakdown`. */
  readonly countInto: <T>(breakdown: Breakdown, work: () => Promise<T>) => Promise<T>;
  /** The lines above the table: what each column is on this backend. */
  readonly explanation: ReadonlyArray<string>;
  /** The lines below it. */
  readonly notes: ReadonlyArray<string>;
}
