import type { Execution } from "../execute.js";
import { branchName } from "../program.js";
import type { Preemption } from "../schedule/preemptions.js";
import type { Case } from "./case.js";

/** At most this many single-switch runs per counterexample: a bound for long programs on slow backends. */
const MAX_CANDIDATES = 200;

/** How many steps each command of each busy task took in a run: `steps[task][command]`. */
const stepsPerCommand = <Command, Outcome>(execution: Execution<Command, Outcome>, tasks: number): ReadonlyArray<ReadonlyArray<number>> =>
  Array.from({ length: tasks }, (_unused, task) => {
    const name = branchName(task);
    const steps: number[] = [];
    for (const event of execution.history.timeline) {
      if (event.task !== name) continue;
      if (event.kind === "invoke") steps.push(0);
      else if (event.kind === "step" && steps.length > 0) steps[steps.length - 1] = (steps[steps.length - 1] ?? 0) + 1;
    }
    return steps;
  });

/** A preemption point at one command of one busy task (busy tasks counted from 0, empty branches skipped). */
interface Target {
  readonly task: number;
  readonly command: number;
  readonly point: Preemption;
}

/** The case with exactly the points of `targets`, and none elsewhere. */
const withOnly = <Command>(testCase: Case<Command>, targets: ReadonlyArray<Target>): Case<Command> => {
  let busy = -1;
  return {
    ...testCase,
    branches: testCase.branches.map((branch) => {
      if (branch.length > 0) busy++;
      const task = busy;
      return branch.map((scheduled, command) => ({
        ...scheduled,
        preemptions: targets.filter((target) => target.task === task && target.command === command).map((target) => target.point),
      }));
    }),
  };
};

/**
 * Shrinking removes one preemption point at a time, so a race that one switch shows can stay behind
 * several switches that only fail together (a local minimum, frequent with dense points in long
 * commands). For a counterexample of the default strategy with more than one context switch, this
 * tries the same program with none, then with a single point before each step of each command in
 * turn (earliest first), then both again with each other task starting, and returns the first that
 * fails: the fewest and earliest switches. It only reads the case and runs it, so replaying a seed
 * and path reaches the same result.
 */
export const fewestSwitches = async <Command, Outcome>(
  testCase: Case<Command>,
  execution: Execution<Command, Outcome>,
  run: (candidate: Case<Command>) => Promise<Execution<Command, Outcome>>,
): Promise<Case<Command> | undefined> => {
  if (testCase.schedule !== undefined || execution.preemptions <= 1) return undefined;
  const tasks = testCase.branches.filter((branch) => branch.length > 0).length;
  const singles: Target[] = [];
  stepsPerCommand(execution, tasks).forEach((commands, task) =>
    commands.forEach((steps, command) => {
      // Which of the other waiting tasks: with two tasks there is only one.
      for (let step = 0; step < steps; step++) for (let to = 0; to < Math.min(2, tasks - 1); to++) singles.push({ task, command, point: { step, to } });
    }),
  );
  // The first decision of a run is no context switch: a point there only chooses which task starts.
  // The fewest switches may need another task than the first to start (T1 leaves while T2 joins
  // twice: T2 must run first and be interrupted once), so each other starter is tried too.
  const starters: Array<Target | undefined> = [undefined];
  for (let to = 0; to < tasks - 1; to++) starters.push({ task: 0, command: 0, point: { step: 0, to } });
  const candidates = starters.flatMap((starter) => {
    const start = starter === undefined ? [] : [starter];
    const others = starter === undefined ? singles : singles.filter(({ task, command, point }) => task !== 0 || command !== 0 || point.step !== 0);
    return [withOnly(testCase, start), ...others.map((single) => withOnly(testCase, [...start, single]))];
  });
  for (const candidate of candidates.slice(0, MAX_CANDIDATES)) {
    const again = await run(candidate);
    if (again.failure !== undefined && again.preemptions < execution.preemptions) return candidate;
  }
  return undefined;
};
