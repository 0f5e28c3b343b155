import { AsyncLocalStorage } from "node:async_hooks";

/** What one costed command ran into below the design: transactions the server rolled back. */
export interface CommandTally {
  /** SQLSTATEs of class 40 (serialization failure, deadlock): each one a transaction the design must redo or give up. */
  readonly rollbacks: string[];
}

/** Shared by every copy of the package in the process, like the step host: a backend reports to the meter the command runs under. */
const meter = ((globalThis as { [key: symbol]: unknown })[Symbol.for("invariant-lab.cost-meter")] ??=
  new AsyncLocalStorage()) as AsyncLocalStorage<CommandTally>;

/** Runs one command of a cost measurement, collecting what its backend reports. */
export const metered = <T>(tally: CommandTally, body: () => Promise<T>): Promise<T> => meter.run(tally, body);

/**
 * Called by a backend when the server fails a statement: a class-40 SQLSTATE means the whole
 * transaction was rolled back, the price a design pays for optimistic concurrency. Outside a cost
 * measurement it does nothing.
 */
export const noteStatementFailure = (sqlstate: string | undefined): void => {
  if (sqlstate?.startsWith("40") === true) meter.getStore()?.rollbacks.push(sqlstate);
};
