import fc from "fast-check";
import type { ExecuteOptions } from "../engine/execute.js";
import { type Case, caseArbitrary } from "../engine/random/check.js";
import { type Pair, pairsOn } from "./pairs.js";
import { addRun, addTally, emptyTally, runCase, type Tally } from "./postgres-run.js";
import type { Progress } from "./progress.js";
import { median } from "./stats.js";

/** The scenario of section 3, so that the memory rows here can be read against it. */
export const THROUGHPUT_SCENARIO = "lamp-socket";
/**
 * The designs timed, in this order: two correct PostgreSQL designs (one whose statements wait for
 * row locks, one that leans on CHECK constraints), the naive one at READ COMMITTED, and on memory
 * the correct and the broken design closest to them, which run the very same cases.
 */
export const THROUGHPUT_DESIGNS = [
  { backend: "postgres", name: "pg-row-locks", memory: "unit-of-work" },
  { backend: "postgres", name: "pg-check-constraints", memory: "unit-of-work" },
  { backend: "postgres", name: "pg-naive-rc", memory: "naive" },
  { backend: "memory", name: "unit-of-work", memory: undefined },
  { backend: "memory", name: "naive", memory: undefined },
] as const;
/** Cases per batch and timed rounds: about 15 s of PostgreSQL work at 30 executions per second. */
export const BATCH = 40;
export const ROUNDS = 3;
const SEED = 42;

/** One design's executions over the timed rounds. */
export interface DesignRate {
  readonly pair: Pair;
  readonly correct: boolean;
  /** The memory design whose rate this one is compared with; undefined on memory. */
  readonly memory: string | undefined;
  readonly roundMs: ReadonlyArray<number>;
  readonly failures: number;
  /** Every timed execution: run time, probe time, lock waits. */
  readonly tally: Tally;
}

export interface ThroughputFigures {
  readonly scenario: string;
  readonly batch: number;
  readonly rounds: number;
  /** Busy branches per case in the batch: how many had 2, how many 3. */
  readonly branches: { readonly two: number; readonly three: number };
  readonly rows: ReadonlyArray<DesignRate>;
}

/** Executions per second over the median round. */
export const rateOf = (row: DesignRate, batch: number): number => {
  const ms = median(row.roundMs);
  return ms === undefined || ms === 0 ? 0 : (batch * 1000) / ms;
};

const busy = (testCase: Case<unknown>): number => testCase.branches.filter((branch) => branch.length > 0).length;

/**
 * Figure 1: one batch of concurrent cases (2 or 3 busy branches) from `caseArbitrary`, executed with
 * `execute()` on each design in turn, one batch per design per round, the order reversed every other
 * round; a warm-up round first, then {@link ROUNDS} timed ones. Generation is not timed.
 */
export const measurePostgresThroughput = async (options: { readonly postgres: ExecuteOptions; readonly memory: ExecuteOptions }, progress: Progress): Promise<ThroughputFigures> => {
  const pairs = THROUGHPUT_DESIGNS.map((design) => {
    const pair = pairsOn(design.backend, (entry) => entry.implementation.name === design.name).find((candidate) => candidate.scenario.name === THROUGHPUT_SCENARIO);
    if (pair === undefined) throw new Error(`the catalogue has no ${design.backend} design ${design.name} on ${THROUGHPUT_SCENARIO}`);
    return { design, pair };
  });
  // Every design of the scenario's family draws its commands from the same arbitrary: one batch for all.
  const commands = (pairs[0] as (typeof pairs)[number]).pair.commands;
  const cases = fc.sample(
    caseArbitrary(commands, "concurrent").filter((testCase) => busy(testCase) >= 2),
    { seed: SEED, numRuns: BATCH },
  );
  const rows = pairs.map(({ design, pair }) => ({ design, pair, roundMs: [] as number[], failures: 0, tally: emptyTally() }));
  const step = progress(`postgres · executions per second · ${THROUGHPUT_SCENARIO}`, ROUNDS + 1);
  for (let round = 0; round <= ROUNDS; round++) {
    for (const row of round % 2 === 0 ? rows : [...rows].reverse()) {
      const on = row.design.backend === "postgres" ? options.postgres : options.memory;
      const tally = emptyTally();
      let failures = 0;
      const started = performance.now();
      for (const testCase of cases) {
        const run = await runCase(row.pair, on, testCase);
        addRun(tally, run);
        if (run.failure !== undefined) failures++;
      }
      const ms = performance.now() - started;
      // Round 0 warms up the JIT, the pools and the server's caches; it is not counted.
      if (round === 0) continue;
      row.roundMs.push(ms);
      row.failures += failures;
      addTally(row.tally, tally);
    }
    step.tick(round + 1);
  }
  const result: ThroughputFigures = {
    scenario: THROUGHPUT_SCENARIO,
    batch: cases.length,
    rounds: ROUNDS,
    branches: { two: cases.filter((testCase) => busy(testCase) === 2).length, three: cases.filter((testCase) => busy(testCase) === 3).length },
    rows: rows.map(({ design, pair, roundMs, failures, tally }) => ({
      pair,
      correct: pair.entry.expected.concurrent === "passed",
      memory: design.memory,
      roundMs,
      failures,
      tally,
    })),
  };
  step.done(result.rows.map((row) => `${row.pair.implementation.name} ${Math.round(rateOf(row, result.batch))}/s`).join(", "));
  return result;
};
