import fc from "fast-check";
import type { BackendSession } from "../engine/backend.js";
import { execute } from "../engine/execute.js";
import { type Case, caseArbitrary, programOf, scheduleOf } from "../engine/random/check.js";
import { sessionSettings } from "../properties/verify.js";
import { type Pair, pairsOn } from "./pairs.js";
import { type Breakdown, emptyBreakdown, timedDesign } from "./postgres-breakdown.js";
import type { Progress } from "./progress.js";
import { perSecond, type Rate, timeRounds } from "./rounds.js";
import type { ServerBench, ServerScale } from "./server-bench.js";
import { emptyTally, type Tally, tallyRun } from "./server-run.js";

/** The scenario of section 3, so that the memory rows here can be read against it. */
export const THROUGHPUT_SCENARIO = "lamp-socket";
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
  /** Where the timed executions' time and round trips went: the section's backend's designs, where it can count them. */
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
 * round; a warm-up round first, then the scale's timed ones (few: an execution on a server costs far
 * more than one in memory). Generation is not timed.
 */
export const measureServerThroughput = async (
  bench: ServerBench,
  scale: ServerScale,
  sessions: { readonly server: BackendSession; readonly memory: BackendSession },
  progress: Progress,
): Promise<ThroughputFigures> => {
  const designs = bench.throughput.map((design) => {
    const pair = pairsOn(design.backend, (entry) => entry.implementation.name === design.name).find(
      (candidate) => candidate.scenario.name === THROUGHPUT_SCENARIO,
    );
    if (pair === undefined) throw new Error(`the catalogue has no ${design.backend} design ${design.name} on ${THROUGHPUT_SCENARIO}`);
    const session = design.backend === "memory" ? sessions.memory : sessions.server;
    const breakdown = design.backend === bench.backend && bench.breakdown !== undefined ? emptyBreakdown() : undefined;
    return { design, pair, settings: sessionSettings(pair.implementation, session), tally: emptyTally(), breakdown };
  });
  // Every design of the scenario's family draws its commands from the same arbitrary: one batch for all.
  const commands = (designs[0] as (typeof designs)[number]).pair.commands;
  const cases = fc.sample(
    caseArbitrary(commands, "concurrent").filter((testCase) => busy(testCase) >= 2),
    { seed: SEED, numRuns: scale.batch },
  );
  const step = progress(`${bench.backend} · executions per second · ${THROUGHPUT_SCENARIO}`, scale.rounds + 1);
  const contenders = designs.map(({ design, pair, settings, tally, breakdown }) => {
    // The warm-up round is left out of the breakdown as it is of the rates.
    let timing = false;
    const implementation = breakdown === undefined ? pair.implementation : timedDesign(pair.implementation, () => (timing ? breakdown : undefined));
    return {
      name: design.name,
      run: async (round: number, index: number) => {
        const testCase = cases[index] as Case<unknown>;
        const started = performance.now();
        const run = () => execute(pair.scenario, implementation, programOf(testCase), scheduleOf(testCase), settings);
        timing = round > 0 && breakdown !== undefined;
        const execution = timing && breakdown !== undefined && bench.breakdown !== undefined ? await bench.breakdown.countInto(breakdown, run) : await run();
        timing = false;
        if (round > 0) tallyRun(tally, execution, performance.now() - started);
        return execution.failure !== undefined;
      },
    };
  });
  const rates = await timeRounds(contenders, cases.length, scale.rounds, (round) => step.tick(round + 1));
  const rateOf = (name: string): Rate => {
    const rate = rates[name];
    if (rate === undefined) throw new Error(`no rate was timed for ${name}`);
    return rate;
  };
  const result: ThroughputFigures = {
    scenario: THROUGHPUT_SCENARIO,
    batch: cases.length,
    rounds: scale.rounds,
    branches: { two: cases.filter((testCase) => busy(testCase) === 2).length, three: cases.filter((testCase) => busy(testCase) === 3).length },
    rows: designs.map(({ design, pair, tally, breakdown }) => ({
      pair,
      correct: pair.entry.expected.concurrent === "passed",
      memory: design.memory,
      rate: rateOf(design.name),
      tally,
      breakdown,
    })),
  };
  step.done(result.rows.map((row) => `${row.pair.implementation.name} ${Math.round(perSecond(row.rate))}/s`).join(", "));
  return result;
};
