import fc from "fast-check";
import type { BackendSession } from "../engine/backend.js";
import { execute } from "../engine/execute.js";
import { type Case, caseArbitrary, programOf, scheduleOf } from "../engine/random/check.js";
import { sessionSettings } from "../properties/verify.js";
import { type Pair, pairsOn } from "./pairs.js";
import { type Breakdown, countInto, emptyBreakdown, timedDesign } from "./postgres-breakdown.js";
import { emptyTally, type Tally, tallyRun } from "./postgres-run.js";
import type { Progress } from "./progress.js";
import { perSecond, type Rate, timeRounds } from "./rounds.js";

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
/** Cases per batch and timed rounds: few, because an execution on PostgreSQL costs far more than one in memory. */
export const BATCH = 40;
export const ROUNDS = 3;
const SEED = 42;

/** One design's executions over the timed rounds. */
export interface DesignRate {
  readonly pair: Pair;
  readonly correct: boolean;
  /** The memory design whose rate this one is compared with; undefined on memory. */
  readonly memory: string | undefined;
  readonly rate: Rate;
  /** Every timed execution: run time, probe time, lock waits. */
  readonly tally: Tally;
  /** Where the timed executions' time and round trips went (PostgreSQL designs only). */
  readonly breakdown: Breakdown | undefined;
}

export interface ThroughputFigures {
  readonly scenario: string;
  readonly batch: number;
  readonly rounds: number;
  /** Busy branches per case in the batch: how many had 2, how many 3. */
  readonly branches: { readonly two: number; readonly three: number };
  readonly rows: ReadonlyArray<DesignRate>;
}

const busy = (testCase: Case<unknown>): number => programOf(testCase).branches.length;

/**
 * Figure 1: one batch of concurrent cases (2 or 3 busy branches) from `caseArbitrary`, executed with
 * `execute()` on each design in turn, one batch per design per round, the order reversed every other
 * round; a warm-up round first, then {@link ROUNDS} timed ones. Generation is not timed.
 */
export const measurePostgresThroughput = async (
  sessions: { readonly postgres: BackendSession; readonly memory: BackendSession },
  progress: Progress,
): Promise<ThroughputFigures> => {
  const designs = THROUGHPUT_DESIGNS.map((design) => {
    const pair = pairsOn(design.backend, (entry) => entry.implementation.name === design.name).find(
      (candidate) => candidate.scenario.name === THROUGHPUT_SCENARIO,
    );
    if (pair === undefined) throw new Error(`the catalogue has no ${design.backend} design ${design.name} on ${THROUGHPUT_SCENARIO}`);
    return {
      design,
      pair,
      settings: sessionSettings(pair.implementation, sessions[design.backend]),
      tally: emptyTally(),
      breakdown: design.backend === "postgres" ? emptyBreakdown() : undefined,
    };
  });
  // Every design of the scenario's family draws its commands from the same arbitrary: one batch for all.
  const commands = (designs[0] as (typeof designs)[number]).pair.commands;
  const cases = fc.sample(
    caseArbitrary(commands, "concurrent").filter((testCase) => busy(testCase) >= 2),
    { seed: SEED, numRuns: BATCH },
  );
  const step = progress(`postgres · executions per second · ${THROUGHPUT_SCENARIO}`, ROUNDS + 1);
  const contenders = designs.map(({ design, pair, settings, tally, breakdown }) => {
    let timing = false;
    const implementation = breakdown === undefined ? pair.implementation : timedDesign(pair.implementation, () => (timing ? breakdown : undefined));
    return {
      name: design.name,
      run: async (round: number, index: number) => {
        const testCase = cases[index] as Case<unknown>;
        const started = performance.now();
        const run = () => execute(pair.scenario, implementation, programOf(testCase), scheduleOf(testCase), settings);
        timing = round > 0 && breakdown !== undefined;
        const execution = timing && breakdown !== undefined ? await countInto(breakdown, run) : await run();
        timing = false;
        if (round > 0) tallyRun(tally, execution, performance.now() - started);
        return execution.failure !== undefined;
      },
    };
  });
  const rates = await timeRounds(contenders, cases.length, ROUNDS, (round) => step.tick(round + 1));
  const result: ThroughputFigures = {
    scenario: THROUGHPUT_SCENARIO,
    batch: cases.length,
    rounds: ROUNDS,
    branches: { two: cases.filter((testCase) => busy(testCase) === 2).length, three: cases.filter((testCase) => busy(testCase) === 3).length },
    rows: designs.map(({ design, pair, tally, breakdown }) => ({
      pair,
      correct: pair.entry.expected.concurrent === "passed",
      memory: design.memory,
      rate: rates[design.name],
      tally,
      breakdown,
    })),
  };
  step.done(result.rows.map((row) => `${row.pair.implementation.name} ${Math.round(perSecond(row.rate))}/s`).join(", "));
  return result;
};
