import { describe, expect, test } from "vitest";
import { memoryBackend } from "../../backends/memory.js";
import { execute } from "../../engine/execute.js";
import { defineImplementation } from "../../engine/implementation.js";
import { check } from "../../engine/random/check.js";
import type { DecisionSource } from "../../engine/schedule/decision-source.js";
import { confirmReplay, recordDecisions } from "../../engine/schedule/deterministic.js";
import { forcedSource } from "../../engine/schedule/forced.js";
import { pctSource } from "../../engine/schedule/pct.js";
import { preemptionSource } from "../../engine/schedule/preemptions.js";
import { uniformSource } from "../../engine/schedule/uniform.js";
import { resolveRunSettings } from "../../engine/settings.js";
import { naiveAssignment } from "../../implementations/assignment/memory/naive.js";
import { registryAssignment } from "../../implementations/assignment/memory/registry.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";
import { assignmentCommands } from "../../properties/assignment/commands.js";

const join = (member: string, container: string): AssignmentCommand => ({ _tag: "join", member, container });
const program = { prefix: [], branches: [[join("l1", "s1"), join("l2", "s2")], [join("l2", "s1")], [join("l1", "s2")]] };
const options = { timeLimitMs: 1_000 };
const run = (source: DecisionSource, implementation = naiveAssignment) => execute(lampSocket, implementation, program, source, options);

/** Naive for its first `broken` runs, correct afterwards: a design whose failure does not come back. */
const brokenFor = (broken: number) => {
  let runs = 0;
  return defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>({
    ...naiveAssignment,
    name: "broken-for-a-while",
    create: (context) => (runs++ < broken ? naiveAssignment : registryAssignment).create(context),
  });
};

describe("recordDecisions", () => {
  test.each([
    ["preemptions", () => preemptionSource([[[{ step: 1, to: 1 }], [{ step: 2, to: 0 }]], [], []])],
    ["uniform", () => uniformSource([1, 2, 5, 3, 0, 4, 1, 1, 2])],
    ["pct", () => pctSource({ priorities: [2, 5, 1], changePoints: [100, 600] }, 20)],
  ])("a forced source replaying what %s chose takes the same interleaving", async (_name, source) => {
    const recorder = recordDecisions(source());
    const original = await run(recorder);
    const replayed = await run(forcedSource(recorder.decisions));
    expect(recorder.decisions.length).toBe(original.decisions);
    expect(replayed.fingerprint).toBe(original.fingerprint);
    expect(replayed.failure).toEqual(original.failure);
  });
});

describe("confirmReplay", () => {
  const racing = () => preemptionSource([[[{ step: 2, to: 0 }]], [], []]);

  test("a failure that replays under its decisions is confirmed", async () => {
    const recorder = recordDecisions(racing());
    const execution = await run(recorder);
    expect(execution.failure).toBeDefined();
    await expect(confirmReplay("the race", execution, recorder.decisions, (source) => run(source))).resolves.toBeUndefined();
  });

  test("a run that did not fail is not a counterexample", async () => {
    const execution = await run(preemptionSource([]), registryAssignment);
    await expect(confirmReplay("the case", execution, [], (source) => run(source, registryAssignment))).rejects.toThrow(
      "the case did not fail again when replayed: the implementation is not deterministic under the harness",
    );
  });

  test("a failure that does not come back names the design as not deterministic", async () => {
    const design = brokenFor(1);
    const recorder = recordDecisions(racing());
    const execution = await run(recorder, design);
    expect(execution.failure).toBeDefined();
    await expect(confirmReplay("the race", execution, recorder.decisions, (source) => run(source, design))).rejects.toThrow(
      /under its recorded decisions: the implementation is not deterministic/,
    );
  });

  test("random mode confirms its counterexample with it", async () => {
    const commands = assignmentCommands(lampSocket.config);
    const firstFailure = await check(lampSocket, naiveAssignment, commands, {
      ...resolveRunSettings(memoryBackend, { seed: 7, shrink: false }),
      mode: "concurrent",
    });
    const runsToFailure = firstFailure.counterexample?.runsToFailure ?? 0;
    expect(runsToFailure).toBeGreaterThan(0);
    // Broken until the search's first failure, correct while it shrinks and replays: the failure never comes back.
    const design = brokenFor(runsToFailure);
    await expect(check(lampSocket, design, commands, { ...resolveRunSettings(memoryBackend, { seed: 7 }), mode: "concurrent" })).rejects.toThrow(
      "the counterexample for broken-for-a-while on lamp-socket did not fail again when replayed: the implementation is not deterministic",
    );
  });
});
