import { assignmentFamily } from "../../properties/assignment/family.js";
import { expect, test } from "vitest";
import { executeEventually } from "../../engine/eventual/run.js";
import { groupMembership } from "../../model/assignment/scenarios.js";
import { succeededIn } from "../../properties/eventual/successes.js";
import { retriesForever } from "./fixtures.js";

test("an eventual run stops at its time limit, even while its settle phase never yields to the event loop", async () => {
  // Retrying in memory never leaves the microtask queue, so only the check at every decision can stop it.
  const execution = await executeEventually(
    groupMembership,
    retriesForever,
    { prefix: [{ _tag: "join", member: "u1", container: "g1" }], branches: [], faults: [], choices: [] },
    { timeLimitMs: 200, settleSteps: Number.MAX_SAFE_INTEGER, succeeded: succeededIn(assignmentFamily) },
  );
  expect(execution.failure).toMatchObject({ kind: "hung", limitMs: 200 });
});
