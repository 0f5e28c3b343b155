import { failureClass } from "../../engine/exhaustive/explore-program.js";
import type { ProgramExplorer } from "../../engine/exhaustive/explorer.js";
import { forcedSource } from "../../engine/schedule/forced.js";
import { notDeterministic } from "../../engine/schedule/deterministic.js";
import type { WorkerPool } from "./pool.js";
import type { Explored, WalkRequest } from "./protocol.js";

/** How often the progress line hears the workers' count of executions. */
const PROGRESS_EVERY_MS = 250;

/**
 * Walks a proof's programs on the pool's workers, one program per job, whichever worker is free:
 * target `target` of the matrix every worker selected. A failure comes back as the decisions that
 * reach it and is run again here, under exactly those decisions, for the execution the report draws.
 */
export const poolExplorer = (pool: WorkerPool, target: number): ProgramExplorer => ({
  async explore(programs, runner, walk) {
    pool.executions = walk.meter.executions;
    const request: WalkRequest = {
      reduction: walk.reduction,
      preemptionBound: walk.preemptionBound,
      executionBudget: walk.meter.budget.executions,
      deadline: walk.meter.deadline(),
    };
    const sync = () => {
      walk.meter.executions = pool.executions;
      walk.onExecution();
    };
    const timer = setInterval(sync, PROGRESS_EVERY_MS);
    let walked: ReadonlyArray<Explored>;
    try {
      walked = await Promise.all(
        programs.map(async ({ position }) => {
          const result = await pool.run({ kind: "explore", target, position, walk: request });
          if (result.kind !== "explored") throw new Error(`a worker answered a walk with ${result.kind}`);
          return result;
        }),
      );
    } finally {
      clearInterval(timer);
      sync();
    }
    const explorations = [];
    for (const [index, explored] of walked.entries()) {
      const program = programs[index]?.program;
      if (program === undefined) break;
      const { failure, ...counts } = explored;
      if (failure === undefined) {
        explorations.push({ ...counts, failureClasses: new Set<string>() });
        // As a walk in this thread would have: the budget ran out in this program, and nothing after it counts.
        if (!counts.complete) {
          walk.meter.allows();
          break;
        }
        continue;
      }
      const execution = await runner(program)(forcedSource(failure.decisions));
      if (execution.failure === undefined) throw notDeterministic("a failure a worker met did not fail again when replayed here under its decisions");
      explorations.push({ ...counts, failureClasses: new Set([failureClass(execution.failure)]), failure: { ...failure, execution } });
    }
    return explorations;
  },
});
