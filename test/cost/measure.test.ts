import { describe, expect, test } from "vitest";
import { memoryBackend } from "../../backends/memory.js";
import { measureCost } from "../../engine/cost/measure.js";
import { defineImplementation } from "../../engine/implementation.js";
import { step } from "../../engine/step.js";
import { groupMembership } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";
import { assignmentCommands } from "../../properties/assignment/commands.js";
import { assignmentCatalogue } from "../../properties/assignment/catalogue.js";
import { assignmentFamily } from "../../properties/assignment/family.js";
import { succeededIn } from "../../properties/eventual/successes.js";
import { parseCostFlags } from "../../cli/cost-options.js";

const settings = { workers: 4, commands: 200, copies: 1, seed: 5, commandTimeLimitMs: 2_000 };
const locks = assignmentCatalogue.find((entry) => entry.implementation.name === "locks" && entry.implementation.backend === "memory")?.implementation;
if (locks === undefined) throw new Error("the catalogue has no memory design named locks");

/** A design that answers `joined` to every join: outcomes inside the model's set, so not errors. */
const answersAll = (answer: (command: AssignmentCommand) => Promise<AssignmentOutcome>) =>
  defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>({
    family: "assignment",
    name: "probe",
    design: "a stand-in",
    backend: "memory",
    claim: "linearizable",
    create: () => ({ execute: answer, snapshot: () => ({ memberSide: [], containerSide: [] }) }),
  });

describe("measureCost in memory", () => {
  test("every command of the workload is answered, timed and classified", async () => {
    const session = await memoryBackend.start();
    const figures = await measureCost(groupMembership, locks, assignmentCommands as never, succeededIn(assignmentFamily), session, settings);
    expect(figures.commands).toBe(settings.commands);
    expect(figures.errors).toBe(0);
    expect(figures.refused).toBeGreaterThan(0);
    expect(figures.refused).toBeLessThan(settings.commands);
    expect(figures.p99Ms).toBeGreaterThanOrEqual(figures.p50Ms);
    expect(figures.rolledBack).toBe(0);
  });

  test("an answer outside the model's outcomes is an error, named with its command", async () => {
    const session = await memoryBackend.start();
    const wrong = answersAll(async () => "maybe" as AssignmentOutcome);
    const figures = await measureCost(groupMembership, wrong, assignmentCommands as never, undefined, session, settings);
    expect(figures.errors).toBe(settings.commands);
    expect(figures.firstError).toMatch(/^(join|leave)\(u\d, g\d\): .*maybe/);
    expect(figures.refused).toBeUndefined();
  });

  test("a command that never answers ends the measurement with an error, not a hang", async () => {
    const session = await memoryBackend.start();
    const hangs = answersAll(() => step("wait forever", () => new Promise<never>(() => undefined)));
    const figures = await measureCost(groupMembership, hangs, assignmentCommands as never, undefined, session, { ...settings, commandTimeLimitMs: 20 });
    expect(figures.firstError).toMatch(/did not answer within 20 ms/);
    // Each worker stops after its hung command: nothing further is sent.
    expect(figures.commands).toBe(settings.workers);
  });
});

describe("cost flags", () => {
  test("defaults", () => {
    expect(parseCostFlags([])).toMatchObject({ workers: 8, hotSpot: "both", spread: 16, seed: 1, commands: undefined });
  });
  test.each([
    [["--workers", "0"], '--workers "0": Expected a decimal integer from 1 to 16'],
    [["--workers", "17"], '--workers "17"'],
    [["--hot-spot", "warm"], '--hot-spot "warm"'],
    [["--spread", "1"], '--spread "1"'],
    [["--commands"], "--commands needs a value: a decimal integer of at least 1"],
    [["--fast"], "Unknown option '--fast'"],
  ])("%j is refused in one line", (args, message) => {
    expect(() => parseCostFlags(args)).toThrow(message);
  });
  test("a negative seed is a seed", () => {
    expect(parseCostFlags(["--seed", "-4"]).seed).toBe(-4);
  });
});
