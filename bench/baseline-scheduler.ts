import fc from "fast-check";
import { branchName, PREFIX_TASK, type Program, programSize } from "../engine/program.js";
import { CONCURRENT_SHAPE } from "../engine/random/case.js";
import type { Pair } from "./pairs.js";
import { baselineSample, RunClock, type SearchSample } from "./samples.js";
import { createRecorded, gatedTask, judge, perform } from "./scheduler-run.js";

/**
 * The programs the baseline generates: the engine's concurrent case shape over the same commands,
 * without preemptions: here `fc.scheduler()` chooses the interleaving.
 */
const programArbitrary = (commands: fc.Arbitrary<unknown>): fc.Arbitrary<Program<unknown>> =>
  fc.record({
    prefix: fc.array(commands, { maxLength: CONCURRENT_SHAPE.maxPrefix }),
    branches: fc.array(fc.array(commands, { maxLength: CONCURRENT_SHAPE.maxBranchLength }), {
      minLength: CONCURRENT_SHAPE.minBranches,
      maxLength: CONCURRENT_SHAPE.maxBranches,
    }),
  });

/**
 * Runs one program the way a fast-check user would: the prefix alone, then the branches as
 * concurrent tasks whose every repository call waits at a scheduler gate, until all are done.
 * Returns why the run failed, or undefined.
 */
export const runUnderScheduler = async (pair: Pair, program: Program<unknown>, scheduler: fc.Scheduler): Promise<string | undefined> => {
  const recorded = await createRecorded(pair.scenario, pair.implementation);
  for (const command of program.prefix) await perform(recorded, PREFIX_TASK, command);
  const busy = program.branches.filter((branch) => branch.length > 0);
  const tasks = busy.map((commands, index) => gatedTask(recorded, scheduler, branchName(index), commands));
  await scheduler.waitFor(Promise.all(tasks));
  return judge(recorded);
};

/** One seed's search with `fc.check`: random runs, then fast-check's own shrinking, nothing more. */
export const schedulerSearch = async (pair: Pair, seed: number, numRuns: number): Promise<SearchSample> => {
  const clock = new RunClock();
  let lastFailure: string | undefined;
  const property = fc.asyncProperty(programArbitrary(pair.commands), fc.scheduler(), async (program, scheduler) => {
    const failure = await runUnderScheduler(pair, program, scheduler);
    clock.tick();
    if (failure !== undefined) lastFailure = failure;
    return failure === undefined;
  });
  const details = await fc.check(property, { seed, numRuns });
  return baselineSample(seed, details, clock, lastFailure, details.counterexample === null ? undefined : programSize(details.counterexample[0]));
};
