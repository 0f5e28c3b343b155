import { describe, expect, test } from "vitest";
import { memoryBackend } from "../../backends/memory.js";
import { execute } from "../../engine/execute.js";
import { DEFAULT_LINEARIZABILITY_BUDGET } from "../../engine/linearizability.js";
import { check } from "../../engine/random/check.js";
import { preemptionSource } from "../../engine/schedule/preemptions.js";
import { resolveRunSettings } from "../../engine/settings.js";
import { registryAssignment } from "../../implementations/assignment/memory/registry.js";
import { groupMembership } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand } from "../../model/assignment/types.js";
import { assignmentCommands } from "../../properties/assignment/commands.js";
import { sessionSettings, verify } from "../../properties/verify.js";

const join = (member: string, container: string): AssignmentCommand => ({ _tag: "join", member, container });
const defaults = { defaultRuns: 7, timeLimitMs: 300 };

describe("resolveRunSettings", () => {
  test("fills what the caller leaves out from the backend's defaults and the engine's", () => {
    const settings = resolveRunSettings(defaults);
    expect(settings).toMatchObject({
      numRuns: 7,
      timeLimitMs: 300,
      strategy: "uniform",
      shrink: true,
      linearizabilityBudget: DEFAULT_LINEARIZABILITY_BUDGET,
    });
    expect(settings.seed).toBeUndefined();
  });

  test("keeps what the caller sets", () => {
    expect(resolveRunSettings(defaults, { numRuns: 3, timeLimitMs: 50, seed: -4, path: "2:0", strategy: "pct", shrink: false })).toMatchObject({
      numRuns: 3,
      timeLimitMs: 50,
      seed: -4,
      path: "2:0",
      strategy: "pct",
      shrink: false,
    });
  });

  test.each([
    [{ numRuns: 0 }, /numRuns/],
    [{ numRuns: 2.5 }, /numRuns/],
    [{ timeLimitMs: 0 }, /timeLimitMs/],
    [{ linearizabilityBudget: 0 }, /linearizabilityBudget/],
    [{ seed: 1.5 }, /seed/],
    [{ path: "1:0" }, /needs the seed/],
    [{ strategy: "random" as never }, /unknown strategy "random"/],
  ])("rejects %o", (options, message) => {
    expect(() => resolveRunSettings(defaults, options)).toThrow(message);
  });

  test("an unknown backend is an error, not a silent default", async () => {
    const stranger = { ...registryAssignment, backend: "oracle" };
    const session = await memoryBackend.start();
    expect(() => sessionSettings(stranger, session)).toThrow('registry: unknown backend "oracle"; backends: memory, postgres');
    await expect(verify(groupMembership, stranger, session, { mode: "sequential" })).rejects.toThrow('registry: unknown backend "oracle"');
  });
});

describe("the linearizability budget", () => {
  test("a run whose search needs more states than the budget is undecided, neither passed nor failed", async () => {
    const program = { prefix: [join("u1", "g1")], branches: [[join("u2", "g1"), join("u3", "g1")], [join("u4", "g1")]] };
    const ample = await execute(groupMembership, registryAssignment, program, preemptionSource([]), { timeLimitMs: 1_000 });
    const starved = await execute(groupMembership, registryAssignment, program, preemptionSource([]), { timeLimitMs: 1_000, linearizabilityBudget: 1 });
    expect(ample).toMatchObject({ failure: undefined, undecided: false });
    expect(starved).toMatchObject({ failure: undefined, undecided: true });
  });

  test("a check with undecided runs and no failure is unknown", async () => {
    const settings = resolveRunSettings(memoryBackend, { numRuns: 20, seed: 1, linearizabilityBudget: 1 });
    const verdict = await check(groupMembership, registryAssignment, assignmentCommands(groupMembership.config), { ...settings, mode: "concurrent" });
    expect(verdict.status).toBe("unknown");
    expect(verdict.undecidedRuns).toBeGreaterThan(0);
  });
});
