import type { Connection } from "mysql2/promise";
import type { BlockingProbe } from "../../engine/backend.js";
import { stuckTasks } from "../sql/stuck-tasks.js";
import type { GatedPools } from "./gated-pool.js";

/** How often the engine asks again while a statement is in flight. */
const POLL_MS = 2;
/** A statement younger than this is almost always just running; asking the server would only slow it. */
const GRACE_MS = 1;
/** PROCESSLIST states of waits outside InnoDB: a table's metadata lock, GET_LOCK. */
const OTHER_WAITS = ["Waiting for table metadata lock", "User lock"];

/** One transaction of the TRANSACTIONS section of `SHOW ENGINE INNODB STATUS`. */
export interface InnodbTransaction {
  readonly threadId: number;
  readonly lockWait: boolean;
  readonly lockStructs: number;
}

/**
 * Reads the TRANSACTIONS section only: the deadlock report above it also says `LOCK WAIT`, about
 * transactions long gone. Each transaction is a `---TRANSACTION` block naming its
 * `MariaDB thread id` (MySQL says `MySQL thread id`).
 */
export const innodbTransactions = (status: string): ReadonlyArray<InnodbTransaction> => {
  const start = status.indexOf("\nTRANSACTIONS\n");
  const end = status.indexOf("\nFILE I/O\n", start);
  if (start < 0) return [];
  return status
    .slice(start, end < 0 ? undefined : end)
    .split("\n---TRANSACTION ")
    .slice(1)
    .flatMap((block) => {
      const thread = /\b(?:MariaDB|MySQL) thread id (\d+)/.exec(block);
      if (thread === null) return [];
      return [{ threadId: Number(thread[1]), lockWait: /\nLOCK WAIT\b/.test(block), lockStructs: Number(/(\d+) lock struct\(s\)/.exec(block)?.[1] ?? 0) }];
    });
};

/**
 * Tells the engine which running tasks wait for a lock, from `SHOW ENGINE INNODB STATUS` (fresh on
 * every call, unlike information_schema's InnoDB tables, a cache refilled at most every 100 ms)
 * and PROCESSLIST (metadata locks, GET_LOCK), asked over a connection of its own.
 *
 * InnoDB reports a lock wait but not its holder (that needs `innodb_status_output_locks`, a global
 * setting). The holders named are therefore the run's other tasks that hold InnoDB locks (any
 * other task, for a wait outside InnoDB). That is exact for two tasks and an over-approximation
 * beyond. A task counts as blocked only while its wait cannot end without the engine: when some
 * holder is parked, or blocked that way itself. InnoDB breaks a deadlock when the lock is
 * requested, so no cycle of running tasks outlives one poll.
 */
export const blockingProbe = (pools: GatedPools, monitor: Connection): BlockingProbe => ({
  pollMs: POLL_MS,
  async blocked(running) {
    const now = performance.now();
    const flights = pools.flights().filter((flight) => running.includes(flight.task) && now - flight.since >= GRACE_MS);
    if (flights.length === 0) return new Map();
    const [results] = await monitor.query(
      `SHOW ENGINE INNODB STATUS; SELECT ID AS id, STATE AS state FROM information_schema.PROCESSLIST WHERE ID IN (${flights.map((flight) => flight.threadId).join(", ")})`,
    );
    const [statusRows, processRows] = results as unknown as [ReadonlyArray<{ Status: string }>, ReadonlyArray<{ id: number; state: string | null }>];
    const transactions = innodbTransactions(statusRows[0]?.Status ?? "");
    const taskOf = pools.tasksByThread();
    const lockHolders = new Set(
      transactions.filter((transaction) => transaction.lockStructs > 0).flatMap((transaction) => taskOf.get(transaction.threadId) ?? []),
    );
    const innodbWaits = new Set(transactions.filter((transaction) => transaction.lockWait).map((transaction) => transaction.threadId));
    const otherWaits = new Set(processRows.filter((row) => OTHER_WAITS.includes(row.state ?? "")).map((row) => Number(row.id)));
    const tasks = [...new Set(taskOf.values())];
    const waitsFor = new Map<string, ReadonlyArray<string>>();
    for (const flight of flights) {
      const holders = innodbWaits.has(flight.threadId) ? [...lockHolders] : otherWaits.has(flight.threadId) ? tasks : [];
      const others = holders.filter((holder) => holder !== flight.task);
      if (others.length > 0) waitsFor.set(flight.task, [...new Set(others)].sort());
    }
    const stuck = stuckTasks(waitsFor, running);
    for (const flight of flights) if (stuck.has(flight.task)) flight.waited = true;
    return new Map(
      [...waitsFor]
        .filter(([task]) => stuck.has(task))
        .map(([task, holders]) => [task, holders.filter((holder) => !running.includes(holder) || stuck.has(holder))]),
    );
  },
});
