import { describe, expect, test } from "vitest";
import type { DecisionSource } from "../../engine/schedule/decision-source.js";
import { execute, type Program } from "../../engine/execute.js";
import { exploreProgram } from "../../engine/exhaustive/explore-program.js";
import { forcedSource } from "../../engine/schedule/forced.js";
import { conflicts } from "../../engine/exhaustive/independence.js";
import { DEFAULT_SHAPE, programsBySize } from "../../engine/exhaustive/programs.js";
import { programCount } from "../support/program-count.js";
import { decodeReplay, encodeReplay } from "../../engine/exhaustive/replay-token.js";
import { defineImplementation } from "../../engine/implementation.js";
import { step } from "../../engine/step.js";
import { naiveAssignment } from "../../implementations/assignment/memory/naive.js";
import { unitOfWorkAssignment } from "../../implementations/assignment/memory/unit-of-work.js";
import { groupMembership, lampSocket } from "../../model/assignment/scenarios.js";
import { AssignmentCommand, type AssignmentConfig, type AssignmentOutcome, type AssignmentSnapshot } from "../../model/assignment/types.js";
import { assignmentProofCommands } from "../../properties/assignment/proof-domain.js";

const join = (member: string, container: string): AssignmentCommand => ({ _tag: "join", member, container });
const options = { timeLimitMs: 1_000 };
const walk = { stopAtFailure: false, mayRun: () => true };

/** Explores one program and returns its exploration and every execution's fingerprint. */
const explore = async (
  program: Program<AssignmentCommand>,
  tree: { reduction: boolean; preemptionBound?: number },
  scenario = lampSocket,
  implementation = unitOfWorkAssignment,
) => {
  const fingerprints: string[] = [];
  const run = async (source: DecisionSource) => {
    const execution = await execute(scenario, implementation, program, source, options);
    fingerprints.push(execution.fingerprint);
    return execution;
  };
  return { explored: await exploreProgram(run, { ...walk, ...tree }), fingerprints };
};

describe("exhaustive exploration of one program", () => {
  test("without reduction it runs every interleaving exactly once", async () => {
    // Two unit-of-work joins on different aggregates: load, load, commit each, so C(6, 3) orders.
    const { explored, fingerprints } = await explore({ prefix: [], branches: [[join("l1", "s1")], [join("l2", "s2")]] }, { reduction: false });
    expect(explored).toMatchObject({ executions: 20, complete: true });
    expect(new Set(fingerprints).size).toBe(20);
  });

  test("commuting steps are explored in one order only", async () => {
    const { explored } = await explore({ prefix: [], branches: [[join("l1", "s1")], [join("l2", "s2")]] }, { reduction: true });
    expect(explored.complete).toBe(true);
    expect(explored.executions).toBe(1);
  });

  test("steps that conflict are still explored in every order", async () => {
    // Both commit the same socket: every order of the commits against the other's loads matters.
    const program = { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s1")]] };
    const reduced = await explore(program, { reduction: true });
    const full = await explore(program, { reduction: false });
    expect(reduced.explored.executions).toBeLessThan(full.explored.executions);
    // Four orders differ: either commit first with the other's socket load after it (no retry), or both
    // socket loads first and either commit first (the other retries). Loads of one socket commute.
    expect(reduced.explored.executions).toBe(4);
    expect(new Set(reduced.fingerprints).size).toBe(4);
  });

  test("a preemption bound keeps only interleavings with that many context switches", async () => {
    const program = { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s2")]] };
    expect((await explore(program, { reduction: false, preemptionBound: 0 })).explored.executions).toBe(2);
    const one = await explore(program, { reduction: false, preemptionBound: 1 });
    expect(one.explored.executions).toBeGreaterThan(2);
    expect(one.explored.executions).toBeLessThan(20);
  });

  test("the recorded decisions replay a failure exactly", async () => {
    const program = { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s1")]] };
    const { explored } = await explore(program, { reduction: true }, lampSocket, naiveAssignment);
    const failure = explored.failure;
    expect(failure?.execution.failure).toBeDefined();
    const again = await execute(lampSocket, naiveAssignment, program, forcedSource(failure?.decisions ?? []), options);
    expect(again.fingerprint).toBe(failure?.execution.fingerprint);
    expect(again.failure).toEqual(failure?.execution.failure);
  });

  test("a design that does not replay the same way is named, not explored wrongly", async () => {
    let calls = 0;
    // Takes an extra step on every other run: the tree recorded by one run does not fit the next.
    const flaky = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>({
      ...naiveAssignment,
      name: "flaky",
      create: (context) => {
        const inner = naiveAssignment.create(context) as Awaited<ReturnType<typeof naiveAssignment.create>>;
        return { ...inner, execute: async (command) => (calls++ % 3 === 0 ? await step("look around", () => undefined) : undefined, inner.execute(command)) };
      },
    });
    await expect(explore({ prefix: [], branches: [[join("l1", "s1")], [join("l2", "s2")]] }, { reduction: false }, lampSocket, flaky)).rejects.toThrow(
      /not deterministic/,
    );
  });
});

describe("declared accesses", () => {
  test("writes conflict with reads and writes of the same key, never with other keys", () => {
    expect(conflicts({ reads: ["lamp l1"] }, { reads: ["lamp l1"] })).toBe(false);
    expect(conflicts({ reads: ["lamp l1"] }, { writes: ["lamp l1"] })).toBe(true);
    expect(conflicts({ writes: ["lamp l1"] }, { writes: ["lamp l2", "socket s1"] })).toBe(false);
    expect(conflicts({ writes: ["ticket *"] }, { reads: ["ticket t3"] })).toBe(true);
  });

  test("an undeclared step conflicts with everything", () => {
    expect(conflicts(undefined, { reads: [] })).toBe(true);
    expect(conflicts({}, undefined)).toBe(true);
  });
});

describe("programs of a proof domain", () => {
  test("pairs and triples after no command or one, and a two-command task beside one command, smallest first", () => {
    const groups = programsBySize(assignmentProofCommands(groupMembership.config), DEFAULT_SHAPE);
    // 8 commands: 36 pairs; 8 × 36 pairs after one command, 120 triples and 64 × 8 two-command tasks
    // beside one command; 8 × 120 triples after one.
    expect(groups.map(({ size, programs }) => [size, programs.length])).toEqual([
      [2, 36],
      [3, 920],
      [4, 960],
    ]);
    expect(
      groups[1]?.programs
        .filter((program) => program.branches.some((branch) => branch.length === 2))
        .every((program) => program.prefix.length === 0 && program.branches.length === 2),
    ).toBe(true);
    expect(groups.reduce((sum, group) => sum + group.programs.length, 0)).toBe(programCount(8, DEFAULT_SHAPE));
  });

  test("a replay token carries the program and decisions, and is checked against the scenario", () => {
    const replay = { program: { prefix: [join("l1", "s1")], branches: [[join("l2", "s1")], [join("l1", "s2")]] }, decisions: [0, 1, 1, 0] };
    expect(decodeReplay(encodeReplay(replay), AssignmentCommand)).toEqual(replay);
    const bogus = Buffer.from(JSON.stringify({ prefix: [{ _tag: "explode" }], branches: [], decisions: [] })).toString("base64url");
    expect(() => decodeReplay(bogus, AssignmentCommand)).toThrow(/does not fit this scenario/);
  });
});
