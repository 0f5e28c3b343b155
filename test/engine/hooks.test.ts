import { describe, expect, test } from "vitest";
import { memoryBackend } from "../../backends/memory.js";
import { judgeAtRest } from "../../engine/at-rest.js";
import { History } from "../../engine/history.js";
import { check } from "../../engine/random/check.js";
import { programSize } from "../../engine/program.js";
import { resolveRunSettings } from "../../engine/settings.js";
import { naiveAssignment } from "../../implementations/assignment/memory/naive.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand, AssignmentOutcome } from "../../model/assignment/types.js";
import { assignmentCommands } from "../../properties/assignment/commands.js";

const join = (member: string, container: string): AssignmentCommand => ({ _tag: "join", member, container });
const commands = assignmentCommands(lampSocket.config);

describe("onRun and shrink: false", () => {
  test("without shrinking the search stops at the first failing run and reports that run as found", async () => {
    const seen: Array<{ failed: boolean; size: number }> = [];
    const settings = resolveRunSettings(memoryBackend, {
      seed: 7,
      shrink: false,
      onRun: (execution, testCase) => seen.push({ failed: execution.failure !== undefined, size: programSize(testCase) }),
    });
    const verdict = await check(lampSocket, naiveAssignment, commands, { ...settings, mode: "concurrent" });
    const example = verdict.counterexample;
    expect(verdict.status).toBe("violated");
    expect(example?.shrinks).toBe(0);
    expect(example?.runsToFailure).toBe(seen.length);
    expect(seen.slice(0, -1).every((run) => !run.failed)).toBe(true);
    expect(seen.at(-1)).toEqual({ failed: true, size: programSize(example?.case ?? { prefix: [], branches: [] }) });
  });

  test("with shrinking, the observer sees the shrinking runs too, and the same search finds the same first failure", async () => {
    let runs = 0;
    const unshrunk = await check(lampSocket, naiveAssignment, commands, {
      ...resolveRunSettings(memoryBackend, { seed: 7, shrink: false }),
      mode: "concurrent",
    });
    const shrunk = await check(lampSocket, naiveAssignment, commands, {
      ...resolveRunSettings(memoryBackend, { seed: 7, onRun: () => runs++ }),
      mode: "concurrent",
    });
    expect(shrunk.counterexample?.runsToFailure).toBe(unshrunk.counterexample?.runsToFailure);
    expect(runs).toBeGreaterThan(unshrunk.counterexample?.runsToFailure ?? Infinity);
    expect(programSize(shrunk.counterexample?.case ?? { prefix: [], branches: [] })).toBeLessThanOrEqual(2);
  });
});

describe("judgeAtRest", () => {
  const history = (outcomes: ReadonlyArray<AssignmentOutcome>) => {
    const recorded = new History<AssignmentCommand, AssignmentOutcome>();
    const commandsRun = [join("l1", "s1"), join("l2", "s1")];
    const operations = commandsRun.map((command, index) => recorded.invoke(`T${index + 1}`, command, `join`));
    operations.forEach((operation, index) => recorded.complete(operation, outcomes[index] ?? "joined", String(outcomes[index])));
    return recorded;
  };
  const oneLampInSocket = { memberSide: [["l1", "s1"] as const], containerSide: [["l1", "s1"] as const] };

  test("outcomes and a stored state that some order explains hold", () => {
    expect(judgeAtRest(lampSocket, oneLampInSocket, history(["joined", "container-full"]))).toEqual({ failure: undefined, undecided: false });
  });

  test("two lamps told they joined one socket are not linearizable", () => {
    expect(judgeAtRest(lampSocket, oneLampInSocket, history(["joined", "joined"])).failure?.kind).toBe("not-linearizable");
  });

  test("a stored state no order ends in is named as such", () => {
    const empty = { memberSide: [], containerSide: [] };
    expect(judgeAtRest(lampSocket, empty, history(["joined", "container-full"])).failure?.kind).toBe("state-not-explained");
  });

  test("a broken invariant comes first, at the history's logical time", () => {
    const disagreeing = { memberSide: [["l1", "s1"] as const], containerSide: [] };
    const judged = judgeAtRest(lampSocket, disagreeing, history(["joined", "container-full"]));
    expect(judged.failure).toMatchObject({ kind: "invariant", when: "at-rest", at: 4 });
  });

  test("a search over its budget is undecided", () => {
    expect(judgeAtRest(lampSocket, oneLampInSocket, history(["joined", "container-full"]), 1)).toEqual({ failure: undefined, undecided: true });
  });
});
