import { createHash } from "node:crypto";
import fc from "fast-check";
import type { BackendSession } from "../engine/backend.js";
import { type Case, caseArbitrary, programOf, scheduleOf } from "../engine/random/check.js";
import { execute, type Execution, type ExecuteOptions } from "../engine/execute.js";
import type { Failure } from "../engine/failure.js";
import type { Pair } from "./pairs.js";

/** One execution of one case, as the PostgreSQL section measures it. */
export interface Run {
  readonly failure: Failure | undefined;
  /** Wall time of the whole `execute()`: create, every step, every check, dispose. */
  readonly ms: number;
  /** Of which, waiting for the backend's blocking probe (quiescence detection). */
  readonly probeMs: number;
  /** The engine's own fingerprint: the order of every step of every task. */
  readonly fingerprint: string;
  /** The whole timeline: steps, what each returned, lock waits, invocations and outcomes. */
  readonly timeline: string;
  /** Some statement waited for a lock held by a parked task. */
  readonly waited: boolean;
}

/** Sums of runs: the share of their wall time spent asking whether tasks wait for locks. */
export interface Tally {
  runs: number;
  ms: number;
  probeMs: number;
  /** Runs in which some statement waited for a lock. */
  waited: number;
}

export const emptyTally = (): Tally => ({ runs: 0, ms: 0, probeMs: 0, waited: 0 });

export const addRun = (tally: Tally, run: Run): void => {
  tally.runs++;
  tally.ms += run.ms;
  tally.probeMs += run.probeMs;
  if (run.waited) tally.waited++;
};

export const addTally = (tally: Tally, more: Tally): void => {
  tally.runs += more.runs;
  tally.ms += more.ms;
  tally.probeMs += more.probeMs;
  tally.waited += more.waited;
};

/** The options `check()` hands to `execute()` on this session. */
export const executeOptions = (session: BackendSession, timeLimitMs: number): ExecuteOptions => ({
  timeLimitMs,
  ...(session.environment === undefined ? {} : { environment: session.environment }),
  ...(session.probe === undefined ? {} : { probe: session.probe }),
});

const digest = (execution: Execution<unknown, unknown>): string =>
  createHash("sha1")
    .update(JSON.stringify([execution.history.timeline, execution.failure?.kind ?? "passed"]))
    .digest("hex");

/** Executes one generated case exactly as `check()` does, timed. */
export const runCase = async (pair: Pair, options: ExecuteOptions, testCase: Case<unknown>): Promise<Run> => {
  const started = performance.now();
  const execution = await execute(pair.scenario, pair.implementation, programOf(testCase), scheduleOf(testCase), options);
  return {
    failure: execution.failure,
    ms: performance.now() - started,
    probeMs: execution.probeMs,
    fingerprint: execution.fingerprint,
    timeline: digest(execution),
    waited: execution.history.timeline.some((event) => event.kind === "step" && (event.waitedFor?.length ?? 0) > 0),
  };
};

/** What one fast-check search of the concurrent property gave, without shrinking. */
export interface Search {
  readonly seed: number;
  readonly failed: boolean;
  /** Random runs up to and including the first failing one (all of them when none failed). */
  readonly runs: number;
  /** Wall time of the whole `fc.check`, generation included. */
  readonly ms: number;
  readonly failure: Failure | undefined;
  readonly tally: Tally;
  /** Every run's fingerprint and whole timeline, in order. */
  readonly fingerprints: ReadonlyArray<string>;
  readonly timelines: ReadonlyArray<string>;
}

/**
 * `check()`'s concurrent property (the same cases, the same `execute()`), searched once with
 * `fc.check`: with `endOnFailure` it stops at the first failure and does not shrink.
 */
export const search = async (pair: Pair, options: ExecuteOptions, seed: number, numRuns: number, endOnFailure: boolean): Promise<Search> => {
  const tally = emptyTally();
  const fingerprints: string[] = [];
  const timelines: string[] = [];
  let failure: Failure | undefined;
  const property = fc.asyncProperty(caseArbitrary(pair.commands, "concurrent"), async (testCase) => {
    const run = await runCase(pair, options, testCase);
    addRun(tally, run);
    fingerprints.push(run.fingerprint);
    timelines.push(run.timeline);
    failure ??= run.failure;
    return run.failure === undefined;
  });
  const started = performance.now();
  const details = await fc.check(property, { numRuns, seed, endOnFailure });
  return { seed, failed: details.failed, runs: details.numRuns, ms: performance.now() - started, failure, tally, fingerprints, timelines };
};

/** What caught a failure: an invariant's name or the failure's kind, as section 1 writes it. */
export const caughtBy = (failure: Failure | undefined): string | undefined =>
  failure === undefined ? undefined : failure.kind === "invariant" ? failure.invariant : failure.kind;
