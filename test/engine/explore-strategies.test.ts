import { describe, expect, test } from "vitest";
import { memoryBackend } from "../../backends/memory.js";
import { check } from "../../engine/random/check.js";
import { resolveRunSettings } from "../../engine/settings.js";
import { pctSource } from "../../engine/schedule/pct.js";
import { uniformSource } from "../../engine/schedule/uniform.js";
import { naiveAssignment } from "../../implementations/assignment/memory/naive.js";
import { registryAssignment } from "../../implementations/assignment/memory/registry.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import { assignmentCommands } from "../../properties/assignment/commands.js";

const at = (command: number, step: number) => ({ command, step });
const positions = [at(0, 0), at(0, 0), at(0, 0)];

describe("uniformSource", () => {
  test("choice 0 keeps the current task; others pick among the rest in task order", () => {
    const source = uniformSource([0, 1, 2, 3]);
    expect(source.next([0, 1, 2], 1, positions)).toBe(1);
    expect(source.next([0, 1, 2], 1, positions)).toBe(0);
    expect(source.next([0, 1, 2], 1, positions)).toBe(2);
    expect(source.next([0, 1], 1, positions)).toBe(0);
  });

  test("once the choices run out, the current task goes on", () => {
    const source = uniformSource([]);
    expect(source.next([0, 1], 1, positions)).toBe(1);
    expect(source.next([0, 2], 1, positions)).toBe(0);
  });
});

describe("pctSource", () => {
  test("the enabled task of highest priority runs; ties go to the lower task", () => {
    const source = pctSource({ priorities: [1, 3, 3], changePoints: [] }, 10);
    expect(source.next([0, 1, 2], undefined, positions)).toBe(1);
    expect(source.next([0, 2], 1, positions)).toBe(2);
  });

  test("at a change point the task about to run drops below everyone", () => {
    // Ten expected decisions: a point at 300 thousandths falls on decision 3.
    const source = pctSource({ priorities: [5, 1], changePoints: [300] }, 10);
    const picks = Array.from({ length: 5 }, () => source.next([0, 1], undefined, positions));
    expect(picks).toEqual([0, 0, 0, 1, 1]);
  });
});

describe("check with another strategy", () => {
  test.each(["uniform", "pct"] as const)("%s finds and shrinks the naive race, and replays it from seed and path", async (strategy) => {
    const commands = assignmentCommands(lampSocket.config);
    const verdict = await check(lampSocket, naiveAssignment, commands, {
      mode: "concurrent",
      ...resolveRunSettings(memoryBackend, { numRuns: 2_000, timeLimitMs: 1_000, seed: 5, strategy }),
    });
    const example = verdict.counterexample;
    expect(verdict.status).toBe("violated");
    // A failing walk is rewritten as preemption points (the case has no schedule of its own); PCT keeps its priorities.
    expect(example?.case.schedule?.kind).toBe(strategy === "uniform" ? undefined : strategy);
    const replayed = await check(lampSocket, naiveAssignment, commands, {
      mode: "concurrent",
      ...resolveRunSettings(memoryBackend, { numRuns: 1, timeLimitMs: 1_000, seed: example?.seed ?? 0, path: example?.path ?? "", strategy }),
    });
    expect(replayed.counterexample?.execution.fingerprint).toBe(example?.execution.fingerprint);
  });

  test.each(["uniform", "pct"] as const)("%s passes a correct design", async (strategy) => {
    const verdict = await check(lampSocket, registryAssignment, assignmentCommands(lampSocket.config), {
      mode: "concurrent",
      ...resolveRunSettings(memoryBackend, { numRuns: 200, timeLimitMs: 1_000, seed: 3, strategy }),
    });
    expect(verdict.status).toBe("passed");
  });
});
