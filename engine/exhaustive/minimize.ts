import type { DecisionSource } from "../schedule/decision-source.js";
import type { Execution, Program } from "../execute.js";
import { exploreProgram, type FoundFailure } from "./explore-program.js";

/** A program that failed, and how it failed first. */
export interface FailingProgram<Command, Outcome> {
  readonly program: Program<Command>;
  readonly failure: FoundFailure<Command, Outcome>;
}

/** The failure with the fewest preemptions, and what finding it cost. */
export interface MinimalFailure<Command, Outcome> extends FailingProgram<Command, Outcome> {
  /** Executions spent looking for the fewest preemptions. */
  readonly executions: number;
}

/**
 * Among failing programs of the smallest size, the failure with the fewest preemptions: their trees
 * are walked again under bound 0, 1, 2… without reduction (exact under a bound), so the first failure
 * met has the fewest context switches any of them needs. The bound never passes the fewest
 * preemptions already seen, so the walk ends. The answer is the first program in the domain's order
 * among those that fail with that few, with the first failure its bounded walk meets: it depends on
 * nothing but the failing programs, so the shards of a split proof can pick the same one.
 */
export const fewestPreemptions = async <Command, Outcome>(
  failing: ReadonlyArray<FailingProgram<Command, Outcome>>,
  runner: (program: Program<Command>) => (source: DecisionSource) => Promise<Execution<Command, Outcome>>,
): Promise<MinimalFailure<Command, Outcome>> => {
  const [first, ...others] = failing;
  if (first === undefined) throw new Error("fewestPreemptions needs at least one failing program");
  const best = others.reduce((found, next) => (next.failure.execution.preemptions < found.failure.execution.preemptions ? next : found), first);
  let executions = 0;
  for (let bound = 0; bound <= best.failure.execution.preemptions; bound++) {
    for (const { program } of failing) {
      const explored = await exploreProgram(runner(program), { reduction: false, preemptionBound: bound, stopAtFailure: true, mayRun: () => true });
      executions += explored.executions;
      if (explored.failure !== undefined) return { program, failure: explored.failure, executions };
    }
  }
  return { ...best, executions };
};
