import { execute, type Execution, type ExecuteOptions } from "../execute.js";
import { designHeader, type Implementation } from "../implementation.js";
import { programSize } from "../program.js";
import type { Scenario } from "../reference-model.js";
import { forcedSource } from "../schedule/forced.js";
import type { ProofVerdict } from "./proof.js";
import { decodeReplay } from "./replay-token.js";

/** One replayed execution and, when it failed, the verdict to report it as an exhaustive run would. */
export interface ReplayedProof<Command, Outcome> {
  readonly execution: Execution<Command, Outcome>;
  readonly verdict?: ProofVerdict<Command, Outcome>;
}

/** Runs the program of a replay token once, taking exactly its recorded decisions. */
export const replayProof = async <Config, State, Command, Outcome, Snapshot>(
  scenario: Scenario<Config, State, Command, Outcome, Snapshot>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the environment comes with the options' lease
  implementation: Implementation<Config, Command, Outcome, Snapshot, any>,
  token: string,
  options: ExecuteOptions,
): Promise<ReplayedProof<Command, Outcome>> => {
  const { program, decisions } = decodeReplay(token, scenario.model.command);
  const started = performance.now();
  const execution = await execute(scenario, implementation, program, forcedSource(decisions), options);
  if (execution.failure === undefined) return { execution };
  const size = programSize(program);
  const verdict: ProofVerdict<Command, Outcome> = {
    scenario: scenario.name,
    implementation: designHeader(implementation),
    status: "violated",
    shape: { maxPrefix: program.prefix.length, minConcurrent: size - program.prefix.length, maxConcurrent: size - program.prefix.length },
    domain: size,
    programs: 1,
    programsExplored: 0,
    executions: 1,
    redundant: 0,
    undecided: 0,
    preemptionBound: undefined,
    reduction: false,
    durationMs: performance.now() - started,
    counterexample: { program, decisions, execution, executionsToFailure: 1, minimizationExecutions: 0, sizeExplored: true },
  };
  return { execution, verdict };
};
