import fc from "fast-check";
import { branchName, PREFIX_TASK, type Program } from "../program.js";
import type { DecisionSource } from "../schedule/decision-source.js";
import type { Preemption } from "../schedule/preemptions.js";
import { sourceOf, strategies } from "../schedule/strategies.js";
import type { Schedule, Strategy } from "../schedule/strategy.js";

/** `sequential`: one task runs every command; `concurrent`: a prefix, then two or three branches at once. */
export type Mode = "sequential" | "concurrent";

/** A command of a concurrent branch, with the points where the schedule preempts it. */
export interface ScheduledCommand<Command> {
  readonly command: Command;
  readonly preemptions: ReadonlyArray<Preemption>;
}

/** A program plus the decisions that interleave it: the value fast-check generates and shrinks. */
export interface Case<Command> {
  readonly prefix: ReadonlyArray<Command>;
  readonly branches: ReadonlyArray<ReadonlyArray<ScheduledCommand<Command>>>;
  /** The decisions of the `uniform` and `pct` strategies; absent for `preemptions` (kept in the branches). */
  readonly schedule?: Schedule;
}

// Empty branches are allowed for shrinking's sake but are not tasks: T1, T2… number the others.
const busyBranches = <Command>(testCase: Case<Command>) => testCase.branches.filter((branch) => branch.length > 0);

/** The program a case runs: its commands without their decisions. */
export const programOf = <Command>(testCase: Case<Command>): Program<Command> => ({
  prefix: testCase.prefix,
  branches: busyBranches(testCase).map((branch) => branch.map(({ command }) => command)),
});

/**
 * The case without the commands its run never started: a failure ends the run, so commands after it
 * in the same task, and branches that never began, changed nothing. Without them a counterexample
 * says how many commands it really needed (fast-check cannot always drop a trailing command itself).
 */
export const startedOnly = <Command>(testCase: Case<Command>, started: (task: string) => number): Case<Command> => {
  let busy = 0;
  return {
    ...testCase,
    prefix: testCase.prefix.slice(0, started(PREFIX_TASK)),
    branches: testCase.branches.map((branch) => (branch.length === 0 ? branch : branch.slice(0, started(branchName(busy++))))),
  };
};

/** A fresh decision source for one run of the case, from the strategy that generated it. */
export const scheduleOf = <Command>(testCase: Case<Command>): DecisionSource =>
  sourceOf({
    schedule: testCase.schedule,
    preemptions: busyBranches(testCase).map((branch) => branch.map(({ preemptions }) => preemptions)),
  });

/** Concurrent cases: a short sequential prefix, then two or three branches of a few commands each. */
export const CONCURRENT_SHAPE = { maxPrefix: 2, minBranches: 2, maxBranches: 3, maxBranchLength: 3 } as const;

/** The shape of generated cases: how many commands, branches and decisions a run may have. */
export const caseArbitrary = <Command>(commands: fc.Arbitrary<Command>, mode: Mode, strategy: Strategy = "preemptions"): fc.Arbitrary<Case<Command>> => {
  if (mode === "sequential") return fc.record({ prefix: fc.array(commands, { minLength: 1, maxLength: 8 }), branches: fc.constant([]) });
  const { preemptions, schedule } = strategies[strategy];
  const scheduled = fc.record({ command: commands, preemptions });
  const program = {
    prefix: fc.array(commands, { maxLength: CONCURRENT_SHAPE.maxPrefix }),
    // Branches may be empty: fast-check cannot drop the last item of an array one above its
    // minimum length, so a minimum of 1 would keep a needless command in shrunk counterexamples.
    branches: fc.array(fc.array(scheduled, { maxLength: CONCURRENT_SHAPE.maxBranchLength }), {
      minLength: CONCURRENT_SHAPE.minBranches,
      maxLength: CONCURRENT_SHAPE.maxBranches,
    }),
  };
  return schedule === undefined ? fc.record(program) : fc.record({ ...program, schedule });
};
