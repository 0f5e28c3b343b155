import type { DecisionSource } from "../schedule/decision-source.js";
import { execute } from "../execute.js";
import type { Implementation } from "../implementation.js";
import type { Scenario } from "../reference-model.js";
import { exploreProgram } from "./explore-program.js";
import { DEFAULT_SHAPE, type ProgramShape, programsBySize } from "./programs.js";

/** Which programs a survey walks, and whether with reduction. */
export interface SurveyOptions {
  readonly shape?: ProgramShape;
  readonly reduction: boolean;
  readonly preemptionBound?: number;
  readonly timeLimitMs: number;
}

/** Every failure class met over a whole domain, in total and per program. */
export interface Survey {
  readonly programs: number;
  readonly executions: number;
  /** Failing executions per failure class (`invariant: both views agree`, `not-linearizable`…). */
  readonly failures: ReadonlyMap<string, number>;
  /** Failure classes per program, keyed by the program's position in the domain's order. */
  readonly classesByProgram: ReadonlyArray<ReadonlySet<string>>;
}

/**
 * Walks every program of the domain completely, without stopping at failures, and tallies what
 * broke: the evidence that a reduced search finds every kind of violation the full one does.
 */
export const surveyFailures = async <Config, State, Command, Outcome, Snapshot>(
  scenario: Scenario<Config, State, Command, Outcome, Snapshot>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- in-memory designs need no environment
  implementation: Implementation<Config, Command, Outcome, Snapshot, any>,
  commands: ReadonlyArray<Command>,
  options: SurveyOptions,
): Promise<Survey> => {
  const programs = programsBySize(commands, options.shape ?? DEFAULT_SHAPE).flatMap((group) => group.programs);
  const failures = new Map<string, number>();
  const classesByProgram: Array<ReadonlySet<string>> = [];
  let executions = 0;
  for (const program of programs) {
    const run = (source: DecisionSource) => execute(scenario, implementation, program, source, { timeLimitMs: options.timeLimitMs });
    const explored = await exploreProgram(run, {
      reduction: options.reduction,
      ...(options.preemptionBound === undefined ? {} : { preemptionBound: options.preemptionBound }),
      stopAtFailure: false,
      mayRun: () => true,
      onExecution: () => executions++,
    });
    for (const kind of explored.failureClasses) failures.set(kind, (failures.get(kind) ?? 0) + 1);
    classesByProgram.push(explored.failureClasses);
  }
  return { programs: programs.length, executions, failures, classesByProgram };
};
