import type { DecisionSource } from "../schedule/decision-source.js";
import type { Execution, Program } from "../execute.js";
import type { BudgetMeter } from "./budget.js";
import { exploreProgram, type ProgramExploration } from "./explore-program.js";
import type { TreeOptions } from "./tree.js";

/** A program of the domain with its position in the domain's order (smallest programs first). */
export interface NumberedProgram<Command> {
  readonly position: number;
  readonly program: Program<Command>;
}

/** What every program of a search is walked with: the tree options, the budget, a hook per execution. */
export interface ProgramWalk extends TreeOptions {
  readonly meter: BudgetMeter;
  readonly onExecution: () => void;
}

/**
 * Walks the trees of some programs of one size and answers, in their order, what each walk found.
 * It may answer for fewer programs than asked, never skipping one: the walk of the last answered is
 * then incomplete (the budget ran out). A proof combines the answers the same way whoever walked
 * them, so an explorer that spreads the programs over worker threads reaches the same verdict as
 * {@link serialExplorer}; only the time differs (and, under a budget, where it ran out).
 */
export interface ProgramExplorer {
  explore<Command, Outcome>(
    programs: ReadonlyArray<NumberedProgram<Command>>,
    runner: (program: Program<Command>) => (source: DecisionSource) => Promise<Execution<Command, Outcome>>,
    walk: ProgramWalk,
  ): Promise<ReadonlyArray<ProgramExploration<Execution<Command, Outcome>>>>;
}

/** One program after the other, in this thread: the walk stops at the budget, or at a program's first failure. */
export const serialExplorer: ProgramExplorer = {
  async explore(programs, runner, walk) {
    const explorations = [];
    for (const { program } of programs) {
      const explored = await exploreProgram(runner(program), {
        reduction: walk.reduction,
        ...(walk.preemptionBound === undefined ? {} : { preemptionBound: walk.preemptionBound }),
        stopAtFailure: true,
        mayRun: () => walk.meter.allows(),
        onExecution: () => {
          walk.meter.executions++;
          walk.onExecution();
        },
      });
      explorations.push(explored);
      if (!explored.complete && explored.failure === undefined) break;
    }
    return explorations;
  },
};
