import fc from "fast-check";
import type { Mode } from "../random/case.js";
import { type Fault, faultsArbitrary } from "./faults.js";
import type { EventualProgram } from "./run.js";

/**
 * What random mode generates and shrinks for an eventually-consistent design: the faults first (so
 * that fast-check tries removing them first), the requests, and the engine's decisions.
 */
export interface EventualCase<Command> {
  readonly faults: ReadonlyArray<Fault>;
  readonly prefix: ReadonlyArray<Command>;
  readonly branches: ReadonlyArray<ReadonlyArray<Command>>;
  readonly choices: ReadonlyArray<number>;
}

/** Six values: a choice among two or three options is uniform; `noBias` keeps fast-check from favouring "no switch". */
const choice = fc.noBias(fc.nat({ max: 5 }));

/**
 * `sequential`: requests one at a time, each settled before the next, with faults but no choices;
 * `concurrent`: a short settled prefix, then two or three branches of requests whose acceptance and
 * deliveries interleave by the generated choices. `faults: false` generates none.
 */
export const eventualCaseArbitrary = <Command>(commands: fc.Arbitrary<Command>, mode: Mode, faults = true): fc.Arbitrary<EventualCase<Command>> => {
  const faultList = faults ? faultsArbitrary : fc.constant<ReadonlyArray<Fault>>([]);
  if (mode === "sequential")
    return fc.record({ faults: faultList, prefix: fc.array(commands, { minLength: 1, maxLength: 6 }), branches: fc.constant([]), choices: fc.constant([]) });
  return fc.record({
    faults: faultList,
    prefix: fc.array(commands, { maxLength: 2 }),
    branches: fc.array(fc.array(commands, { maxLength: 3 }), { minLength: 2, maxLength: 3 }),
    choices: fc.array(choice, { maxLength: 24 }),
  });
};

/** The program a case runs; empty branches are not tasks. */
export const programOfCase = <Command>(testCase: EventualCase<Command>): EventualProgram<Command> => ({
  prefix: testCase.prefix,
  branches: testCase.branches.filter((branch) => branch.length > 0),
  faults: testCase.faults,
  choices: testCase.choices,
});

/** Requests in a case, prefix and branches together. */
export const requestCount = (testCase: Pick<EventualCase<unknown>, "prefix" | "branches">): number =>
  testCase.prefix.length + testCase.branches.reduce((sum, branch) => sum + branch.length, 0);
