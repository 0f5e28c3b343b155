import type { Client } from "pg";
import type { BlockingProbe } from "../../engine/backend.js";
import { stuckTasks, type WaitsFor } from "../sql/stuck-tasks.js";
import type { Flight } from "./gated-client.js";
import type { GatedPools } from "./gated-pool.js";

/** How often the engine asks again while a statement is in flight. */
const POLL_MS = 2;
/** A statement younger than this is almost always just running; asking the server would only slow it. */
const GRACE_MS = 1;

/**
 * Tells the engine which running tasks wait for a lock, and for which tasks, from the server's own
 * lock table (`pg_blocking_pids`) asked over a connection of its own.
 *
 * A statement found waiting for tasks is not asked about again until something may have released a
 * lock (see LockReleases): its wait cannot have ended, nor its holders changed, and most decisions
 * of a lock-holding design come while one task waits and another runs statements that release nothing.
 *
 * A task counts as blocked only while its wait cannot end without the engine: when some task it
 * waits for is parked, or is itself blocked that way. A wait on something outside the run ends by
 * itself: the engine must wait for the outcome rather than decide, or the next decision would
 * depend on timing. A cycle of running tasks is a deadlock, and the probe breaks it by rule (see
 * {@link breakDeadlock}) rather than leave the victim to whichever server timer fires first.
 */
export const blockingProbe = (pools: GatedPools, monitor: Client): BlockingProbe => ({
  pollMs: POLL_MS,
  async blocked(running) {
    const now = performance.now();
    const flights = pools.flights().filter((flight) => running.includes(flight.task) && now - flight.since >= GRACE_MS);
    if (flights.length === 0) return new Map();
    // Read before asking: a release while the question is out makes the answer's version stale.
    const version = pools.releases.version();
    const known = (flight: Flight) => version !== undefined && flight.waitsFor?.version === version;
    const waitsFor = new Map<string, ReadonlyArray<string>>();
    for (const flight of flights) if (known(flight) && flight.waitsFor !== undefined) waitsFor.set(flight.task, flight.waitsFor.holders);
    const asked = flights.filter((flight) => !known(flight));
    if (asked.length > 0) {
      const { rows } = await monitor.query<{ pid: number; blockers: number[] }>("SELECT pid, pg_blocking_pids(pid) AS blockers FROM unnest($1::int[]) AS pid", [
        asked.map((flight) => flight.pid),
      ]);
      const taskOf = pools.tasksByPid();
      for (const { pid, blockers } of rows) {
        const task = taskOf.get(pid);
        const holders = blockers.flatMap((blocker) => taskOf.get(blocker) ?? []).filter((holder) => holder !== task);
        if (task === undefined || holders.length === 0) continue;
        const sorted = [...new Set(holders)].sort();
        waitsFor.set(task, sorted);
        const flight = asked.find((candidate) => candidate.pid === pid);
        if (flight !== undefined && version !== undefined) flight.waitsFor = { version, holders: sorted };
      }
    }
    const stuck = stuckTasks(waitsFor, running);
    for (const flight of flights) if (stuck.has(flight.task)) flight.waited = true;
    await breakDeadlock(flights, waitsFor, stuck, running, monitor);
    return new Map([...waitsFor].filter(([task]) => stuck.has(task)));
  },
});

/** The tasks that wait for themselves through others: the members of the wait graph's cycles. */
const tasksInCycles = (waitsFor: WaitsFor): ReadonlySet<string> => {
  const reaches = (from: string, target: string): boolean => {
    const seen = new Set<string>();
    const next = [...(waitsFor.get(from) ?? [])];
    for (let task = next.pop(); task !== undefined; task = next.pop()) {
      if (task === target) return true;
      if (seen.has(task)) continue;
      seen.add(task);
      next.push(...(waitsFor.get(task) ?? []));
    }
    return false;
  };
  return new Set([...waitsFor.keys()].filter((task) => reaches(task, task)));
};

/**
 * When every running task that is not blocked by the engine waits in a cycle of running tasks,
 * nothing but an abort can end the waits: cancels the statement of one task of a cycle, which its
 * gated client presents as 40P01 deadlock_detected. The victim is the task that has waited longest
 * (its statement went out first), the one PostgreSQL's detector aborts when the cycle closes within
 * `deadlock_timeout` of its wait: the usual outcome is kept, and made independent of timing.
 *
 * Acting only when no running task is still working keeps the moment of the decision out of the
 * timeline; a second call before the victim's answer arrives finds the victim marked and waits.
 */
const breakDeadlock = async (
  flights: ReadonlyArray<Flight>,
  waitsFor: WaitsFor,
  stuck: ReadonlySet<string>,
  running: ReadonlyArray<string>,
  monitor: Client,
): Promise<void> => {
  const free = running.filter((task) => !stuck.has(task));
  if (free.length < 2 || !free.every((task) => waitsFor.has(task))) return;
  const cycles = tasksInCycles(new Map([...waitsFor].filter(([task]) => !stuck.has(task))));
  const members = flights.filter((flight) => cycles.has(flight.task));
  if (members.length === 0 || members.some((flight) => flight.deadlockVictim)) return;
  const victim = members.reduce((earliest, flight) => (flight.order < earliest.order ? flight : earliest));
  victim.deadlockVictim = true;
  // Its answer comes while the others move on: it parks once more, like any statement that waited.
  victim.waited = true;
  await monitor.query("SELECT pg_cancel_backend($1)", [victim.pid]);
};
