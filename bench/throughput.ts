import fc from "fast-check";
import type { BackendSession } from "../engine/backend.js";
import { execute, type Program } from "../engine/execute.js";
import { type Case, caseArbitrary, programOf, scheduleOf } from "../engine/random/check.js";
import { backendNamed } from "../backends/index.js";
import { sessionSettings } from "../properties/verify.js";
import { fireAndForget, runModelUnderScheduler } from "./baseline-model-run.js";
import { runUnderScheduler } from "./baseline-scheduler.js";
import { type Pair, pairsOn } from "./pairs.js";
import type { Progress } from "./progress.js";
import { type Contender, perSecond, type Rate, timeRounds } from "./rounds.js";
import { createRecorded } from "./scheduler-run.js";

/** One design timed under every contender. */
export interface ThroughputRow {
  readonly pair: Pair;
  readonly correct: boolean;
  /** The engine's `execute()` on generated three-branch cases. */
  readonly engine: Rate;
  /** The same programs, interleaved by `fc.scheduler()` instead. */
  readonly scheduler: Rate;
  /** Three commands fired through `fc.scheduledModelRun`, one task each. */
  readonly modelRun: Rate;
  /** The same programs with no harness at all: no gates, no checks. A ceiling, not a contender. */
  readonly alone: Rate;
}

/** Figure 2 and the throughput half of figure 3. */
export interface ThroughputFigures {
  readonly backend: string;
  readonly scenario: string;
  readonly batch: number;
  readonly rounds: number;
  readonly rows: ReadonlyArray<ThroughputRow>;
}

/** Cases per round; every contender runs the same batch once per round, and the rounds alternate. */
const BATCH = 100;
const ROUNDS = 10;
const SEED = 42;

/** The program on a fresh instance, branches concurrent but ungated (`step()` outside a run just acts), unchecked. */
const runAlone = async (pair: Pair, program: Program<unknown>): Promise<void> => {
  const { instance } = await createRecorded(pair.scenario, pair.implementation);
  for (const command of program.prefix) await instance.execute(command);
  await Promise.all(
    program.branches.map(async (commands) => {
      for (const command of commands) await instance.execute(command);
    }),
  );
  await instance.snapshot();
  await instance.dispose?.();
};

const threeTasks = (testCase: Case<unknown>): boolean => programOf(testCase).branches.length === 3;

type Name = "engine" | "scheduler" | "modelRun" | "alone";

const contenders = (pair: Pair, session: BackendSession): ReadonlyArray<Contender<Name>> => {
  const cases = fc.sample(caseArbitrary(pair.commands, "concurrent").filter(threeTasks), { seed: SEED, numRuns: BATCH });
  const triples = fc.sample(fc.array(pair.commands, { minLength: 3, maxLength: 3 }), { seed: SEED, numRuns: BATCH });
  // A scheduler is used up by one run, so every run of every round gets its own; round 0 warms up.
  const schedulers = () => fc.sample(fc.scheduler(), { seed: SEED, numRuns: BATCH * (ROUNDS + 1) });
  const forScheduler = schedulers();
  const forModelRun = schedulers();
  const at = <T>(items: ReadonlyArray<T>, index: number): T => items[index] as T;
  const settings = sessionSettings(pair.implementation, session);
  return [
    {
      name: "engine",
      run: async (_round, index) => {
        const testCase = at(cases, index);
        const execution = await execute(pair.scenario, pair.implementation, programOf(testCase), scheduleOf(testCase), settings);
        return execution.failure !== undefined;
      },
    },
    {
      name: "scheduler",
      run: async (round, index) => (await runUnderScheduler(pair, programOf(at(cases, index)), at(forScheduler, round * BATCH + index))) !== undefined,
    },
    {
      name: "modelRun",
      run: async (round, index) => {
        const commands = at(triples, index).map((command) => fireAndForget(pair, command));
        return (await runModelUnderScheduler(pair, at(forModelRun, round * BATCH + index), commands)) !== undefined;
      },
    },
    {
      name: "alone",
      run: async (_round, index) => {
        await runAlone(pair, programOf(at(cases, index)));
        return false;
      },
    },
  ];
};

/**
 * Figure 2 and the throughput half of figure 3: executions per second of every catalogue design on
 * `backendName` for one scenario, the engine and the two fast-check baselines timed round by round
 * in the same process, so that their ratio survives a noisy machine.
 */
export const measureThroughput = async (backendName: string, scenarioName: string, progress: Progress): Promise<ThroughputFigures> => {
  const backend = backendNamed(backendName);
  if (backend === undefined) throw new Error(`no backend named ${backendName}`);
  const pairs = pairsOn(backendName, () => true).filter((pair) => pair.scenario.name === scenarioName);
  if (pairs.length === 0) throw new Error(`no design on ${backendName} implements scenario ${scenarioName}`);
  const session = await backend.start();
  try {
    const rows: ThroughputRow[] = [];
    for (const pair of pairs) {
      const step = progress(`throughput · ${scenarioName} · ${pair.implementation.name}`, ROUNDS + 1);
      const rates = await timeRounds(contenders(pair, session), BATCH, ROUNDS, (round) => step.tick(round + 1));
      const shown = (rate: Rate) => `${Math.round(perSecond(rate))}/s`;
      step.done(
        `engine ${shown(rates.engine)}, fc.scheduler ${shown(rates.scheduler)}, scheduledModelRun ${shown(rates.modelRun)}, no harness ${shown(rates.alone)}`,
      );
      rows.push({ pair, correct: pair.entry.expected.concurrent === "passed", ...rates });
    }
    return { backend: backendName, scenario: scenarioName, batch: BATCH, rounds: ROUNDS, rows };
  } finally {
    await session.stop();
  }
};
