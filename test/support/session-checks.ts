import { expect } from "vitest";
import { type ExecuteOptions, execute } from "../../engine/execute.js";
import { defineImplementation, type Implementation } from "../../engine/implementation.js";
import { preemptionSource } from "../../engine/schedule/preemptions.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";

type TestDesign<Environment extends object> = Implementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, Environment>;

export const join = (member: string, container: string): AssignmentCommand => ({ _tag: "join", member, container });

/** Makes test designs on `backend`: the harness's behaviour around them matters, not their outcomes. */
export const testDesignsOn =
  <Environment extends object>(backend: string) =>
  (name: string, create: (environment: Environment) => Promise<(command: AssignmentCommand) => Promise<AssignmentOutcome>>): TestDesign<Environment> =>
    defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, Environment>({
      family: "assignment",
      name,
      design: name,
      backend,
      claim: "linearizable",
      create: async (environment) => ({ execute: await create(environment), snapshot: () => ({ memberSide: [], containerSide: [] }) }),
    });

/**
 * Runs `holdsALock` twice, where `l1`'s join takes a row lock and keeps its transaction open while
 * `l2`'s join throws, and its `create` drops the locked table: the second run must start at once,
 * not wait for the transaction the first run abandoned.
 */
export const expectNothingLeftBehind = async <Environment extends object>(holdsALock: TestDesign<Environment>, options: ExecuteOptions): Promise<void> => {
  // T1 takes the lock, then T2 fails: the run ends with T1 parked, its transaction open.
  const schedule = () => preemptionSource([[[{ step: 2, to: 0 }]], [[]]]);
  const program = { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s1")]] };
  const first = await execute(lampSocket, holdsALock, program, schedule(), options);
  expect(first.failure).toMatchObject({ kind: "threw", task: "T2" });
  const started = performance.now();
  // The next run's create drops the locked table: it must not wait for the abandoned transaction.
  const second = await execute(lampSocket, holdsALock, program, schedule(), options);
  expect(second.failure).toMatchObject({ kind: "threw", task: "T2" });
  expect(performance.now() - started).toBeLessThan(3_000);
};
