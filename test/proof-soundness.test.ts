import { describe, expect, test } from "vitest";
import type { ProgramShape } from "../engine/exhaustive/programs.js";
import { surveyFailures } from "../engine/exhaustive/survey.js";
import { programsBySize } from "../engine/exhaustive/programs.js";
import { exploreProgram } from "../engine/exhaustive/explore-program.js";
import { execute, type Program } from "../engine/execute.js";
import { locksAssignment } from "../implementations/assignment/memory/locks.js";
import { registryAssignment } from "../implementations/assignment/memory/registry.js";
import { naiveAssignment } from "../implementations/assignment/memory/naive.js";
import { unitOfWorkAssignment, unitOfWorkUncheckedRefusals } from "../implementations/assignment/memory/unit-of-work.js";
import { versionedPerAggregateAssignment } from "../implementations/assignment/memory/versioned-per-aggregate.js";
import { cellAllocation, groupMembership, lampSocket } from "../model/assignment/scenarios.js";
import type { AssignmentCommand } from "../model/assignment/types.js";
import { assignmentProofCommands } from "../properties/assignment/proof-domain.js";
import { behavioursMet } from "./support/behaviours.js";

const PAIRS: ProgramShape = { maxPrefix: 0, minConcurrent: 2, maxConcurrent: 2 };
// The read-skew race needs a command before the concurrent pair (or a third concurrent command).
const PAIRS_AFTER_ONE: ProgramShape = { maxPrefix: 1, minConcurrent: 2, maxConcurrent: 2 };

const broken = [
  { implementation: naiveAssignment, shape: PAIRS },
  { implementation: versionedPerAggregateAssignment, shape: PAIRS },
  { implementation: unitOfWorkUncheckedRefusals, shape: PAIRS_AFTER_ONE },
].flatMap((design) => [lampSocket, cellAllocation].map((scenario) => ({ ...design, scenario, title: `${scenario.name} · ${design.implementation.name}` })));

describe("the reduction (source sets and sleep sets) is sound on every known-broken design", () => {
  test.each(broken)(
    "$title: the reduced search finds every violation class the full one finds, program by program",
    async ({ implementation, scenario, shape }) => {
      const commands = assignmentProofCommands(scenario.config);
      const options = { shape, timeLimitMs: 1_000 };
      const full = await surveyFailures(scenario, implementation, commands, { ...options, reduction: false });
      const reduced = await surveyFailures(scenario, implementation, commands, { ...options, reduction: true });
      expect(full.failures.size).toBeGreaterThan(0);
      expect([...reduced.failures.keys()].sort()).toEqual([...full.failures.keys()].sort());
      reduced.classesByProgram.forEach((classes, index) => expect([...classes].sort()).toEqual([...(full.classesByProgram[index] ?? [])].sort()));
      expect(reduced.executions).toBeLessThan(full.executions);
    },
  );
});

type AssignmentScenario = typeof groupMembership;

/**
 * What one execution showed from outside: how it ended and every command's answer, in invocation
 * order. Equivalent orders show the same; a reduction that skipped a behaviour would miss one.
 */
const behaviours = async (
  scenario: AssignmentScenario,
  implementation: typeof unitOfWorkAssignment,
  program: Program<AssignmentCommand>,
  reduction: boolean,
) => {
  const met = await behavioursMet((source) => execute(scenario, implementation, program, source, { timeLimitMs: 1_000 }), reduction);
  expect(met.complete).toBe(true);
  return met;
};

const join = (member: string, container: string): AssignmentCommand => ({ _tag: "join", member, container });
const leave = (member: string, container: string): AssignmentCommand => ({ _tag: "leave", member, container });

// Correct designs fail nowhere, so their evidence is every answer and verdict the full search meets.
const correct = [
  { scenario: groupMembership, implementation: unitOfWorkAssignment, shape: PAIRS_AFTER_ONE },
  { scenario: groupMembership, implementation: registryAssignment, shape: PAIRS_AFTER_ONE },
  // Harness locks: a blocked task takes no decision, and its steps are forced.
  { scenario: lampSocket, implementation: locksAssignment, shape: PAIRS },
].map((design) => ({ ...design, title: `${design.scenario.name} · ${design.implementation.name}` }));

const triples = [
  { scenario: groupMembership, implementation: unitOfWorkAssignment, branches: [[join("u1", "g1")], [join("u2", "g1")], [leave("u1", "g1")]] },
  { scenario: groupMembership, implementation: unitOfWorkAssignment, branches: [[join("u1", "g1"), leave("u1", "g1")], [join("u2", "g1")]] },
  { scenario: groupMembership, implementation: registryAssignment, branches: [[join("u1", "g1")], [join("u2", "g1")], [join("u3", "g1")]] },
  { scenario: lampSocket, implementation: unitOfWorkUncheckedRefusals, branches: [[join("l1", "s1"), leave("l1", "s1")], [join("l1", "s2")]] },
  { scenario: cellAllocation, implementation: naiveAssignment, branches: [[join("d1", "c1"), join("d2", "c1")], [join("d3", "c1")]] },
].map((case_) => ({
  ...case_,
  title: `${case_.scenario.name} · ${case_.implementation.name}: ${case_.branches.map((branch) => branch.map((command) => `${command._tag}(${command.member}, ${command.container})`).join("; ")).join(" ∥ ")}`,
}));

describe("the reduction meets every behaviour the full search meets", () => {
  test.each(correct)("$title: every program's answers and verdicts, program by program", async ({ scenario, implementation, shape }) => {
    const programs = programsBySize(assignmentProofCommands(scenario.config), shape).flatMap((group) => group.programs);
    let full = 0;
    let reduced = 0;
    for (const program of programs) {
      const all = await behaviours(scenario, implementation, program, false);
      const some = await behaviours(scenario, implementation, program, true);
      expect([...some.seen].sort()).toEqual([...all.seen].sort());
      full += all.executions;
      reduced += some.executions;
    }
    expect(reduced).toBeLessThan(full);
  });

  test.each(triples)(
    "$title",
    async ({ scenario, implementation, branches }) => {
      const program = { prefix: [], branches };
      const all = await behaviours(scenario, implementation, program, false);
      const some = await behaviours(scenario, implementation, program, true);
      expect([...some.seen].sort()).toEqual([...all.seen].sort());
      expect(some.executions).toBeLessThan(all.executions);
      // Full enumeration of three conflicting tasks runs about 20,000 executions.
    },
    240_000,
  );
});

describe("the reduction factor", () => {
  const count = async (reduction: boolean, branches: ReadonlyArray<ReadonlyArray<AssignmentCommand>>) => {
    const explored = await exploreProgram(
      (source) => execute(groupMembership, unitOfWorkAssignment, { prefix: [], branches }, source, { timeLimitMs: 1_000 }),
      {
        reduction,
        stopAtFailure: false,
        mayRun: () => true,
      },
    );
    expect(explored.complete).toBe(true);
    return explored.executions;
  };

  test("is at least 5× when concurrent commands touch different aggregates", async () => {
    const disjoint = [[join("u1", "g1")], [join("u2", "g2")], [join("u3", "g3")]];
    const full = await count(false, disjoint);
    const reduced = await count(true, disjoint);
    // Three tasks of three steps: 9! / (3! 3! 3!) orders, all equivalent.
    expect(full).toBe(1680);
    expect(full / reduced).toBeGreaterThanOrEqual(5);
  });

  test("shrinks when the commands share an aggregate, and stays above 1 while their loads commute", async () => {
    const shared = [[join("u1", "g1")], [join("u2", "g1")]];
    expect(await count(true, shared)).toBeLessThan(await count(false, shared));
  });
});
