import { defineImplementation } from "../../engine/implementation.js";
import { step } from "../../engine/step.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";
import { registryAssignment } from "../../implementations/assignment/memory/registry.js";

/** Implementations that misbehave on purpose, to check that each fault gets a named verdict. */
const faulty = (
  name: string,
  execute: (command: AssignmentCommand) => Promise<unknown>,
  snapshot: () => unknown = () => ({ memberSide: [], containerSide: [] }),
) =>
  defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>({
    family: "assignment",
    name,
    design: `faulty: ${name}`,
    backend: "memory",
    claim: "linearizable",
    create: () => ({ execute: execute as (command: AssignmentCommand) => Promise<AssignmentOutcome>, snapshot: snapshot as () => AssignmentSnapshot }),
  });

/** Answers a word the scenario does not know. */
export const answersBanana = faulty("answers-banana", async () => {
  await step("look around", () => undefined);
  return "banana";
});

/** Throws in the middle of a join. */
export const throwsOnJoin = faulty("throws-on-join", async (command) => {
  await step("load something", () => undefined);
  if (command._tag === "join") throw new Error("connection reset by peer");
  return "not-joined";
});

/** Waits for something the harness does not control and never comes. */
export const hangsForever = faulty("hangs-forever", async () => {
  await step("load something", () => undefined);
  await new Promise(() => undefined);
  return "joined";
});

/** Reports its state in a shape the model cannot read. */
export const badSnapshot = faulty(
  "bad-snapshot",
  async () => "not-joined",
  () => ({ pairs: "all of them" }),
);

/**
 * A correct registry whose `join` awaits a timer between its steps: the harness must not decide
 * while a task is still running, so the timer cannot change which interleaving runs.
 */
export const slowButCorrect = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>({
  ...registryAssignment,
  name: "slow-registry",
  async create(context) {
    const inner = await registryAssignment.create(context);
    return {
      ...inner,
      async execute(command) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return inner.execute(command);
      },
    };
  },
});
