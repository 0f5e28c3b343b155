import { describe, expect, test } from "vitest";
import type { ProgramShape } from "../engine/exhaustive/programs.js";
import { surveyFailures } from "../engine/exhaustive/survey.js";
import { exploreProgram } from "../engine/exhaustive/explore-program.js";
import { execute } from "../engine/execute.js";
import { naiveAssignment } from "../implementations/assignment/memory/naive.js";
import { unitOfWorkAssignment, unitOfWorkUncheckedRefusals } from "../implementations/assignment/memory/unit-of-work.js";
import { versionedPerAggregateAssignment } from "../implementations/assignment/memory/versioned-per-aggregate.js";
import { cellAllocation, groupMembership, lampSocket } from "../model/assignment/scenarios.js";
import type { AssignmentCommand } from "../model/assignment/types.js";
import { assignmentProofCommands } from "../properties/assignment/proof-domain.js";

const PAIRS: ProgramShape = { maxPrefix: 0, minConcurrent: 2, maxConcurrent: 2 };
// The read-skew race needs a command before the concurrent pair (or a third concurrent command).
const PAIRS_AFTER_ONE: ProgramShape = { maxPrefix: 1, minConcurrent: 2, maxConcurrent: 2 };

const broken = [
  { implementation: naiveAssignment, shape: PAIRS },
  { implementation: versionedPerAggregateAssignment, shape: PAIRS },
  { implementation: unitOfWorkUncheckedRefusals, shape: PAIRS_AFTER_ONE },
].flatMap((design) => [lampSocket, cellAllocation].map((scenario) => ({ ...design, scenario, title: `${scenario.name} · ${design.implementation.name}` })));

describe("sleep-set reduction is sound on every known-broken design", () => {
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

describe("the reduction factor", () => {
  const join = (member: string, container: string): AssignmentCommand => ({ _tag: "join", member, container });
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
