import type { DecisionSource } from "../schedule/decision-source.js";
import type { Execution } from "../execute.js";
import type { Failure } from "../failure.js";
import type { TimelineEvent } from "../history.js";
import { notDeterministic } from "../schedule/deterministic.js";
import { DecisionTree, type TreeOptions } from "./tree.js";

/** How to walk one program's tree: the tree options, when to stop, and a hook per execution. */
export interface ExploreOptions extends TreeOptions {
  /** Stop at the first failing execution (a counterexample) instead of walking the whole tree. */
  readonly stopAtFailure: boolean;
  /** Asked before every execution; false stops the walk (a budget is spent). */
  readonly mayRun: () => boolean;
  /** Called after every execution. */
  readonly onExecution?: () => void;
}

/** What the walk reads of an execution: linearizable runs and eventually-consistent ones alike. */
export interface Explorable {
  readonly failure: Failure | undefined;
  readonly undecided: boolean;
  /** Its steps, from which the tree learns which decisions race (source sets). */
  readonly history: { readonly timeline: ReadonlyArray<TimelineEvent> };
}

/** A failing execution and the decisions that replay it exactly. */
export interface FoundRun<Run> {
  readonly execution: Run;
  readonly decisions: ReadonlyArray<number>;
  /** Executions of this program run up to and including this one. */
  readonly executions: number;
}

export type FoundFailure<Command, Outcome> = FoundRun<Execution<Command, Outcome>>;

/** What walking one program's tree found, and how much of it was walked. */
export interface ProgramExploration<Run> {
  readonly executions: number;
  /** Executions that turned out to repeat orders already covered (every enabled step asleep). */
  readonly redundant: number;
  /** Executions whose linearizability search hit its budget: neither passed nor failed. */
  readonly undecided: number;
  /** The whole tree was walked: nothing was left out by a budget or a stop at a failure. */
  readonly complete: boolean;
  readonly failure?: FoundRun<Run>;
  /** What broke, by class (`invariant: container capacity`, `not-linearizable`…), over every execution run. */
  readonly failureClasses: ReadonlySet<string>;
}

/** The class of a failure for comparing searches: its kind, and for an invariant which one. */
export const failureClass = (failure: Failure): string => (failure.kind === "invariant" ? `invariant: ${failure.invariant}` : failure.kind);

/**
 * Walks every interleaving of one program (within the tree options) by running it again and again,
 * each time under a source that replays a path of the tree and extends it.
 */
export const exploreProgram = async <Run extends Explorable>(
  run: (source: DecisionSource) => Promise<Run>,
  options: ExploreOptions,
): Promise<ProgramExploration<Run>> => {
  const tree = new DecisionTree(options);
  const failureClasses = new Set<string>();
  let executions = 0;
  let redundant = 0;
  let undecided = 0;
  let failure: FoundRun<Run> | undefined;
  const result = (complete: boolean): ProgramExploration<Run> => ({
    executions,
    redundant,
    undecided,
    complete,
    failureClasses,
    ...(failure === undefined ? {} : { failure }),
  });
  for (;;) {
    if (!options.mayRun()) return result(false);
    const source = tree.source();
    const execution = await run(source);
    executions++;
    options.onExecution?.();
    source.finish(execution.history.timeline);
    if (source.diverged !== undefined) {
      throw notDeterministic(`the same decisions led to a different interleaving (${source.diverged})`);
    }
    if (source.redundant) redundant++;
    if (execution.undecided) undecided++;
    if (execution.failure !== undefined) {
      failureClasses.add(failureClass(execution.failure));
      failure ??= { execution, decisions: tree.decisions(), executions };
      if (options.stopAtFailure) return result(false);
    }
    if (!tree.backtrack(execution.failure !== undefined)) return result(true);
  }
};
