import fc from "fast-check";
import type { Pair } from "./pairs.js";
import { baselineSample, RunClock, type SearchSample } from "./samples.js";
import { createRecorded, gatedTask, judge, type Recorded } from "./scheduler-run.js";

/** What the commands act on: each `fire` starts one command as its own task and does not wait. */
interface Fired {
  readonly fire: (command: unknown) => void;
}

/**
 * A command for `fc.scheduledModelRun`. That runner runs commands one at a time and deadlocks if
 * `run` awaits a scheduled gate, so concurrency can only come from work `run` starts and leaves
 * running (fire-and-forget): each command becomes a task of its own, C1, C2, ...
 */
class FireAndForget implements fc.AsyncCommand<object, Fired> {
  constructor(
    readonly command: unknown,
    private readonly text: string,
  ) {}
  check(): boolean {
    return true;
  }
  async run(_model: object, real: Fired): Promise<void> {
    real.fire(this.command);
  }
  toString(): string {
    return this.text;
  }
}

/** Wraps one generated command for `fc.scheduledModelRun`. */
export const fireAndForget = (pair: Pair, command: unknown): FireAndForget => new FireAndForget(command, pair.scenario.model.describe(command));

/** Runs `commands` through `fc.scheduledModelRun`, waits for every task it started, and judges. */
export const runModelUnderScheduler = async (
  pair: Pair,
  scheduler: fc.Scheduler,
  commands: Iterable<fc.AsyncCommand<object, Fired, boolean>>,
): Promise<string | undefined> => {
  const recorded: Recorded = await createRecorded(pair.scenario, pair.implementation);
  const started: Array<Promise<void>> = [];
  const real: Fired = { fire: (command) => started.push(gatedTask(recorded, scheduler, `C${started.length + 1}`, [command])) };
  await fc.scheduledModelRun(scheduler, () => ({ model: {}, real }), commands);
  const settled = await scheduler.waitFor(Promise.allSettled(started));
  if (settled.some((result) => result.status === "rejected")) return "threw";
  return judge(recorded);
};

/** One seed's search with `fc.commands` and `fc.scheduledModelRun`, shrunk by fast-check alone. */
export const modelRunSearch = async (pair: Pair, seed: number, numRuns: number): Promise<SearchSample> => {
  const clock = new RunClock();
  let lastFailure: string | undefined;
  const commands = fc.commands([pair.commands.map((command) => fireAndForget(pair, command))]);
  const property = fc.asyncProperty(fc.scheduler(), commands, async (scheduler, fired) => {
    const failure = await runModelUnderScheduler(pair, scheduler, fired);
    clock.tick();
    if (failure !== undefined) lastFailure = failure;
    return failure === undefined;
  });
  const details = await fc.check(property, { seed, numRuns });
  return baselineSample(seed, details, clock, lastFailure, details.counterexample === null ? undefined : [...details.counterexample[1]].length);
};
