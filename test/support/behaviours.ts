import { exploreProgram, failureClass } from "../../engine/exhaustive/explore-program.js";
import type { Execution } from "../../engine/execute.js";
import type { DecisionSource } from "../../engine/schedule/decision-source.js";

/** How an execution ended and every command's answer, in invocation order. */
export const outcomeOf = <Command, Outcome>(execution: Execution<Command, Outcome>): string =>
  `${execution.failure === undefined ? "passed" : failureClass(execution.failure)} ${execution.history.operations
    .map((operation) => `${operation.text}=${String(operation.outcome)}`)
    .join(" ")}`;

/**
 * Every behaviour a search of one program meets, with or without reduction: `seen` holds `describe`
 * of each execution. Equivalent orders show the same; a reduction that skipped a behaviour would
 * miss one. The search must end: a proof's soundness check compares complete searches.
 */
export const behavioursMet = async <Command, Outcome>(
  run: (source: DecisionSource) => Promise<Execution<Command, Outcome>>,
  reduction: boolean,
  describe: (execution: Execution<Command, Outcome>) => string = outcomeOf,
): Promise<{ readonly seen: ReadonlySet<string>; readonly executions: number; readonly complete: boolean }> => {
  const seen = new Set<string>();
  const explored = await exploreProgram(
    async (source) => {
      const execution = await run(source);
      seen.add(describe(execution));
      return execution;
    },
    { reduction, stopAtFailure: false, mayRun: () => true },
  );
  return { seen, executions: explored.executions, complete: explored.complete };
};
