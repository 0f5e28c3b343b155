import { describe, expect, test } from "vitest";
import { preemptionSource } from "../../engine/schedule/preemptions.js";
import { execute } from "../../engine/execute.js";
import { drawTimeline } from "../../engine/report/timeline.js";
import { naiveAssignment } from "../../implementations/assignment/memory/naive.js";
import { registryAssignment } from "../../implementations/assignment/memory/registry.js";
import { groupMembership, lampSocket } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand } from "../../model/assignment/types.js";
import { answersBanana, badSnapshot, hangsForever, slowButCorrect, throwsOnJoin } from "../support/faulty-designs.js";

const join = (member: string, container: string): AssignmentCommand => ({ _tag: "join", member, container });
const twoJoins = { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s1")]] };
/** T1 loads both aggregates, then T2 runs entirely, then T1 saves: the classic lost update. */
const raceSchedule = () => preemptionSource([[[{ step: 2, to: 0 }]], []]);
const options = { timeLimitMs: 1_000 };

describe("execute", () => {
  test("the same program and decisions give the identical timeline", async () => {
    const timelines = new Set<string>();
    for (let repeat = 0; repeat < 20; repeat++) {
      const execution = await execute(lampSocket, naiveAssignment, twoJoins, raceSchedule(), options);
      timelines.add(drawTimeline(execution.history.timeline));
    }
    expect(timelines.size).toBe(1);
  });

  test("a timer inside an implementation does not change the interleaving", async () => {
    const fingerprints = new Set<string>();
    for (let repeat = 0; repeat < 5; repeat++) {
      const execution = await execute(
        groupMembership,
        slowButCorrect,
        { prefix: [], branches: [[join("u1", "g1"), join("u2", "g1")], [join("u3", "g1")]] },
        raceSchedule(),
        options,
      );
      expect(execution.failure).toBeUndefined();
      fingerprints.add(execution.fingerprint);
    }
    expect(fingerprints.size).toBe(1);
  });

  test("the naive race is reported with the model's admissible outcome", async () => {
    const execution = await execute(lampSocket, naiveAssignment, twoJoins, raceSchedule(), options);
    expect(execution.failure?.kind).toBe("invariant");
    expect(execution.preemptions).toBe(1);
  });

  test("a correct design passes the same schedule", async () => {
    const execution = await execute(lampSocket, registryAssignment, twoJoins, raceSchedule(), options);
    expect(execution.failure).toBeUndefined();
    expect(execution.history.operations.map((operation) => operation.outcome)).toEqual(["joined", "container-full"]);
  });

  test("an outcome outside the scenario's set names the implementation's task and command", async () => {
    const execution = await execute(lampSocket, answersBanana, twoJoins, raceSchedule(), options);
    expect(execution.failure).toMatchObject({ kind: "malformed-outcome", task: "T1", command: "join(l1, s1)", value: "banana" });
  });

  test("an implementation that throws is a failure naming task and command", async () => {
    const execution = await execute(lampSocket, throwsOnJoin, twoJoins, raceSchedule(), options);
    expect(execution.failure).toMatchObject({ kind: "threw", task: "T1", command: "join(l1, s1)", message: "connection reset by peer" });
  });

  test("an implementation awaiting what nothing can settle is stopped at once, naming the stuck task", async () => {
    const execution = await execute(lampSocket, hangsForever, twoJoins, raceSchedule(), { timeLimitMs: 60_000 });
    expect(execution.failure).toMatchObject({ kind: "unseen-wait", tasks: [{ task: "T1", command: "join(l1, s1)", label: "load something" }] });
  });

  test("a snapshot of the wrong shape is reported, not thrown", async () => {
    const execution = await execute(lampSocket, badSnapshot, twoJoins, raceSchedule(), options);
    expect(execution.failure?.kind).toBe("malformed-snapshot");
  });
});
