import fc from "fast-check";
import { branchName, PREFIX_TASK, type Program } from "../program.js";
import type { DecisionSource } from "../schedule/decision-source.js";
import type { Preemption } from "../schedule/preemptions.js";
import { DEFAULT_STRATEGY, sourceOf, strategies } from "../schedule/strategies.js";
import type { Schedule, Strategy } from "../schedule/strategy.js";
import { kindsOf } from "./command-kinds.js";

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

/**
 * One branch's commands. Branches may be empty: fast-check cannot drop the last item of an array one
 * above its minimum length, so a minimum of 1 would keep a needless command in shrunk counterexamples.
 * But a case whose branches leave fewer than two tasks busy runs sequentially and cannot show a race
 * (drawing each length from 0 to 3 wasted three cases in ten that way), so branches are mostly drawn
 * busy. A counterexample shrinks as before: fast-check shrinks a value it is given back
 * (`random/reshrink.ts`) with the first arbitrary that could have made it, the one that allows an
 * empty branch.
 *
 * Some branches are two or three commands of one kind (swarm testing, Groce et al., ISSTA 2012: a
 * test that leaves features out reaches what their mix suppresses). A race that needs a second
 * command in the same task often needs two of one kind whose real-time order another task sees
 * ("deactivate a1, then a2" against a transfer from a1 to a2; a join after a join that caches what
 * it loaded), and a rare kind in the mix makes such pairs rarer by the square.
 */
const branch = <Command>(
  scheduled: (commands: fc.Arbitrary<Command>) => fc.Arbitrary<ScheduledCommand<Command>>,
  commands: fc.Arbitrary<Command>,
): fc.Arbitrary<ReadonlyArray<ScheduledCommand<Command>>> => {
  const maxLength = CONCURRENT_SHAPE.maxBranchLength;
  const kinds = kindsOf(commands);
  return fc.oneof(
    { weight: 2, arbitrary: fc.array(scheduled(commands), { maxLength }) },
    { weight: 10, arbitrary: fc.array(scheduled(commands), { minLength: 1, maxLength }) },
    ...kinds.map((kind) => ({
      weight: Math.max(1, Math.round(8 / kinds.length)),
      arbitrary: fc.array(scheduled(kind.arbitrary), { minLength: 2, maxLength }),
    })),
  );
};

/**
 * Under `mixed`, one case in this many is a uniform walk, the others carry preemption points. Walks
 * meet races late in long commands and across three commands sooner (BENCHMARKS.md, "Mutation
 * testing"); preemption points meet early ones sooner and shrink at a fraction of a walk's cost,
 * which is why a failing walk is translated into preemption points before it is shrunk.
 */
const WALK_EVERY = 2;

/** The shape of generated cases: how many commands, branches and decisions a run may have. */
export const caseArbitrary = <Command>(commands: fc.Arbitrary<Command>, mode: Mode, strategy: Strategy = DEFAULT_STRATEGY): fc.Arbitrary<Case<Command>> => {
  if (mode === "sequential") return fc.record({ prefix: fc.array(commands, { minLength: 1, maxLength: 8 }), branches: fc.constant([]) });
  if (strategy === "mixed")
    // Preemption cases first: a translated walk is one of them, and fast-check shrinks a value it is
    // given back with the first arbitrary that could have made it.
    return fc.oneof(
      { weight: WALK_EVERY - 1, arbitrary: caseArbitrary(commands, mode, "preemptions") },
      { weight: 1, arbitrary: caseArbitrary(commands, mode, "uniform") },
    );
  const { preemptions, schedule } = strategies[strategy];
  const scheduled = (from: fc.Arbitrary<Command>) => fc.record({ command: from, preemptions });
  const program = {
    prefix: fc.array(commands, { maxLength: CONCURRENT_SHAPE.maxPrefix }),
    branches: fc.array(branch(scheduled, commands), {
      minLength: CONCURRENT_SHAPE.minBranches,
      maxLength: CONCURRENT_SHAPE.maxBranches,
    }),
  };
  return schedule === undefined ? fc.record(program) : fc.record({ ...program, schedule });
};
