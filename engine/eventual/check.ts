import type fc from "fast-check";
import type { DesignHeader } from "../implementation.js";
import { branchName, PREFIX_TASK } from "../program.js";
import type { Mode } from "../random/case.js";
import type { Scenario } from "../reference-model.js";
import { type EventualCase, eventualCaseArbitrary, programOfCase } from "./case.js";
import type { Refusals } from "./judge.js";
import type { EventualImplementation } from "./port.js";
import { type EventualExecution, executeEventually, type EventualRunOptions } from "./run.js";
import { searchCases } from "./search.js";

/** Settings of a random check of an eventually-consistent design. */
export interface EventualCheckOptions<Outcome> extends EventualRunOptions<Outcome> {
  readonly mode: Mode;
  readonly numRuns: number;
  readonly seed?: number;
  readonly path?: string;
  /** Generate faults with the cases (default); false checks fault-free runs only. */
  readonly faults: boolean;
}

/** The smallest failing case found, executed once more to draw its timeline. */
export interface EventualCounterexample<Command, Outcome> {
  readonly case: EventualCase<Command>;
  readonly execution: EventualExecution<Command, Outcome>;
  readonly seed: number;
  readonly path: string;
  readonly shrinks: number;
  readonly runsToFailure: number;
}

export interface EventualVerdict<Command = unknown, Outcome = unknown> {
  readonly scenario: string;
  readonly implementation: DesignHeader;
  readonly mode: Mode;
  readonly faults: boolean;
  readonly status: "passed" | "violated" | "unknown";
  readonly runs: number;
  readonly distinctInterleavings: number;
  readonly undecidedRuns: number;
  /** Refusals of concurrent requests in the runs before the first failure, and the spurious ones among them. */
  readonly refusals: Refusals;
  readonly seed: number;
  readonly durationMs: number;
  readonly counterexample?: EventualCounterexample<Command, Outcome>;
}

/**
 * Checks an eventually-consistent design against its scenario's model with fast-check: random cases
 * (requests, faults, decisions), the smallest failing one shrinking reaches, cut to the requests its
 * run started and the faults that took effect, and run twice more to confirm it replays.
 */
export const checkEventually = async <Config, State, Command, Outcome, Snapshot, Environment extends object>(
  scenario: Scenario<Config, State, Command, Outcome, Snapshot>,
  implementation: EventualImplementation<Config, Command, Outcome, Snapshot, Environment>,
  commands: fc.Arbitrary<Command>,
  options: EventualCheckOptions<Outcome>,
): Promise<EventualVerdict<Command, Outcome>> => {
  const started = performance.now();
  const run = (testCase: EventualCase<Command>) => executeEventually(scenario, implementation, programOfCase(testCase), options);
  const search = await searchCases(eventualCaseArbitrary(commands, options.mode, options.faults), run, options);
  const base = {
    scenario: scenario.name,
    implementation: { name: implementation.name, design: implementation.design, backend: implementation.backend, claim: implementation.claim },
    mode: options.mode,
    faults: options.faults,
    runs: search.runs,
    distinctInterleavings: search.fingerprints,
    undecidedRuns: search.undecidedRuns,
    refusals: search.refusals,
    seed: search.seed,
  };
  const found = search.found;
  if (found === undefined) return { ...base, status: search.undecidedRuns > 0 ? "unknown" : "passed", durationMs: performance.now() - started };
  const trimmed = trim(found.case, found.execution);
  const execution = await run(trimmed);
  const chosen = execution.failure === undefined ? found.case : trimmed;
  const final = chosen === trimmed ? execution : await run(chosen);
  const again = await run(chosen);
  if (again.fingerprint !== final.fingerprint)
    throw new Error(`the counterexample for ${implementation.name} on ${scenario.name} does not replay: the design is not deterministic under the harness`);
  return { ...base, status: "violated", durationMs: performance.now() - started, counterexample: { ...found, case: chosen, execution: final } };
};

/** The case without the requests its run never started and the faults that never took effect. */
const trim = <Command, Outcome>(testCase: EventualCase<Command>, execution: EventualExecution<Command, Outcome>): EventualCase<Command> => {
  const started = (task: string) => execution.history.operations.filter((operation) => operation.task === task).length;
  let busy = 0;
  return {
    faults: testCase.faults.filter((_fault, index) => execution.faultsApplied.includes(index)),
    prefix: testCase.prefix.slice(0, started(PREFIX_TASK)),
    branches: testCase.branches.map((branch) => (branch.length === 0 ? branch : branch.slice(0, started(branchName(busy++))))),
    choices: testCase.choices,
  };
};
