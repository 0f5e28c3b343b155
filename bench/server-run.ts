import { createHash } from "node:crypto";
import type { Execution } from "../engine/execute.js";

/** Sums of runs: the share of their wall time spent asking whether tasks wait for locks. */
export interface Tally {
  runs: number;
  ms: number;
  probeMs: number;
  /** Runs in which some statement waited for a lock. */
  waited: number;
}

export const emptyTally = (): Tally => ({ runs: 0, ms: 0, probeMs: 0, waited: 0 });

export const addTally = (tally: Tally, more: Tally): void => {
  tally.runs += more.runs;
  tally.ms += more.ms;
  tally.probeMs += more.probeMs;
  tally.waited += more.waited;
};

/** Adds one run that took `ms` of wall time. */
export const tallyRun = (tally: Tally, execution: Execution<unknown, unknown>, ms: number): void => {
  tally.runs++;
  tally.ms += ms;
  tally.probeMs += execution.probeMs;
  if (execution.history.timeline.some((event) => event.kind === "step" && (event.waitedFor?.length ?? 0) > 0)) tally.waited++;
};

/** The whole timeline of a run (steps, what each returned, lock waits, outcomes) and its verdict, as one digest. */
export const timelineDigest = (execution: Execution<unknown, unknown>): string =>
  createHash("sha1")
    .update(JSON.stringify([execution.history.timeline, execution.failure?.kind ?? "passed"]))
    .digest("hex");
