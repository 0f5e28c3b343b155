import type { Client } from "pg";
import type { BlockingProbe } from "../../engine/backend.js";
import type { GatedPools } from "./gated-pool.js";

/** How often the engine asks again while a statement is in flight. */
const POLL_MS = 2;
/** A statement younger than this is almost always just running; asking the server would only slow it. */
const GRACE_MS = 1;

/**
 * Tells the engine which running tasks wait for a lock, and for which tasks, from the server's own
 * lock table (`pg_blocking_pids`) asked over a connection of its own.
 *
 * A task counts as blocked only while its wait cannot end without the engine: when some task it
 * waits for is parked, or is itself blocked that way. A wait on something outside the run ends by
 * itself, and a cycle of running tasks is a deadlock that the server breaks after
 * `deadlock_timeout`; in both cases the engine must wait for the outcome rather than decide, or the
 * next decision would depend on timing.
 */
export const blockingProbe = (pools: GatedPools, monitor: Client): BlockingProbe => ({
  pollMs: POLL_MS,
  async blocked(running) {
    const now = performance.now();
    const flights = pools.flights().filter((flight) => running.includes(flight.task) && now - flight.since >= GRACE_MS);
    if (flights.length === 0) return new Map();
    const { rows } = await monitor.query<{ pid: number; blockers: number[] }>("SELECT pid, pg_blocking_pids(pid) AS blockers FROM unnest($1::int[]) AS pid", [flights.map((flight) => flight.pid)]);
    const taskOf = pools.tasksByPid();
    const waitsFor = new Map<string, ReadonlyArray<string>>();
    for (const { pid, blockers } of rows) {
      const task = taskOf.get(pid);
      const holders = blockers.flatMap((blocker) => taskOf.get(blocker) ?? []).filter((holder) => holder !== task);
      if (task !== undefined && holders.length > 0) waitsFor.set(task, [...new Set(holders)].sort());
    }
    const stuck = new Set<string>();
    for (let grew = true; grew; ) {
      grew = false;
      for (const [task, holders] of waitsFor) {
        if (stuck.has(task) || !holders.some((holder) => !running.includes(holder) || stuck.has(holder))) continue;
        stuck.add(task);
        grew = true;
      }
    }
    for (const flight of flights) if (stuck.has(flight.task)) flight.waited = true;
    return new Map([...waitsFor].filter(([task]) => stuck.has(task)));
  },
});
