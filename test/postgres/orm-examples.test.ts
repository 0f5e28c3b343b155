import { describe, expect, test } from "vitest";
import type { Execution } from "../../engine/execute.js";
import type { AnyImplementation } from "../../engine/implementation.js";
import type { Mode, Verdict } from "../../engine/random/check.js";
import { drizzleNaiveJoin, drizzleRowLocks } from "../../examples/orms/drizzle.js";
import { kyselyNaiveJoin, kyselySerializableJoin } from "../../examples/orms/kysely.js";
import { groupMembership } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand } from "../../model/assignment/types.js";
import { verify } from "../../properties/verify.js";
import { commandCount, preemptionCount } from "../support/verdicts.js";
import { fileSession } from "./support.js";

// The ORM examples a team would copy, run as the CLI runs them: on PostgreSQL, over the pool the
// harness lends. A naive design must be caught with the smallest race, a correct one must pass, and
// in both the ORM's statements must have gone through the harness's gate.

const session = await fileSession();

interface Seen {
  readonly verdict: Verdict;
  /** Steps of every run: each is an ORM statement that waited at the gate. */
  readonly steps: number;
  /** Statements the probe saw waiting for a lock another task held. */
  readonly lockWaits: number;
}

const WAIT_RESUMED = "↳ resumes after the wait";

/** Side by side with the other server suites a check can take many times its usual 5–10 s. */
const SLOW = 120_000;

const check = async (implementation: AnyImplementation, mode: Mode, numRuns: number): Promise<Seen> => {
  let steps = 0;
  let lockWaits = 0;
  const onRun = (execution: Execution<unknown, unknown>) => {
    const events = execution.history.timeline.filter((event) => event.kind === "step");
    steps += events.length;
    lockWaits += events.filter((event) => event.label === WAIT_RESUMED).length;
  };
  const verdict = await verify(groupMembership, implementation, session, { mode, seed: 20261125, numRuns, onRun });
  return { verdict, steps, lockWaits };
};

/** Two joins of one user to one group, side by side: the whole race, and nothing else. */
const twoJoinsSideBySide = (verdict: Verdict): void => {
  expect({ commands: commandCount(verdict), preemptions: preemptionCount(verdict) }).toEqual({ commands: 2, preemptions: 1 });
  const branches = verdict.counterexample?.case.branches.filter((branch) => branch.length > 0) ?? [];
  const commands = branches.map((branch) => branch.map(({ command }) => command as AssignmentCommand));
  expect(commands.map((branch) => branch.map((command) => command._tag))).toEqual([["join"], ["join"]]);
  const [[first], [second]] = commands as [[AssignmentCommand], [AssignmentCommand]];
  expect([second.member, second.container]).toEqual([first.member, first.container]);
};

describe.each([
  { orm: "Kysely", naive: kyselyNaiveJoin, correct: kyselySerializableJoin },
  { orm: "Drizzle", naive: drizzleNaiveJoin, correct: drizzleRowLocks },
])("$orm over the harness's pool", ({ naive, correct }) => {
  test(`${naive.name} is caught, shrunk to two joins side by side`, { timeout: SLOW }, async () => {
    const { verdict, steps } = await check(naive, "concurrent", 100);
    expect(verdict.status).toBe("violated");
    // The race lies between the statements: only a preemption between two of them shows it.
    twoJoinsSideBySide(verdict);
    expect(steps).toBeGreaterThan(0);
  });

  test(`${correct.name} passes, sequentially and concurrently`, { timeout: SLOW }, async () => {
    const sequential = await check(correct, "sequential", 25);
    expect(sequential.verdict.status).toBe("passed");
    const concurrent = await check(correct, "concurrent", 50);
    expect(concurrent.verdict.status).toBe("passed");
    expect(concurrent.verdict.distinctInterleavings).toBeGreaterThan(25);
    expect(concurrent.steps).toBeGreaterThan(0);
    // Row locks make the second command wait: the probe must have seen Drizzle's statement blocked.
    if (correct === drizzleRowLocks) expect(concurrent.lockWaits).toBeGreaterThan(0);
  });
});
