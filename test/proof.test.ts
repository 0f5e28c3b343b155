import { describe, expect, test } from "vitest";
import { memoryBackend } from "../backends/memory.js";
import { DEFAULT_SHAPE, PAIRS_SHAPE, type ProgramShape, programsBySize, SEQUENCED_SHAPE } from "../engine/exhaustive/programs.js";
import { proofLine, proofReport } from "../engine/report/proof-report.js";
import type { ProofVerdict } from "../engine/exhaustive/proof.js";
import { assignmentScenarios, cellAllocation, clubMembership, lampSocket } from "../model/assignment/scenarios.js";
import type { AssignmentCommand } from "../model/assignment/types.js";
import { catalogue } from "../properties/catalogue.js";
import { proofDomain, verifyExhaustively } from "../properties/verify-exhaustively.js";
import { programCount } from "./support/program-count.js";

const session = await memoryBackend.start();
const assignmentInMemory = catalogue.filter(({ implementation }) => implementation.family === "assignment" && implementation.backend === "memory");
const correctDesigns = assignmentInMemory.filter((entry) => entry.expected.concurrent === "passed").map((entry) => entry.implementation.name);
const designNamed = (name: string) => {
  const entry = catalogue.find((candidate) => candidate.implementation.name === name);
  if (entry === undefined) throw new Error(`no design ${name} in the catalogue`);
  return entry.implementation;
};

/** A proof must be complete and clean: anything else, a counterexample above all, fails the suite. */
const expectProved = (verdict: ProofVerdict): void => {
  expect(verdict.status, proofReport(verdict, "(test)")).toBe("verified");
  expect(verdict.programsExplored).toBe(verdict.programs);
};

const commandsOf = (verdict: ProofVerdict): number => {
  const program = verdict.counterexample?.program;
  return program === undefined ? 0 : program.prefix.length + program.branches.reduce((sum, branch) => sum + branch.length, 0);
};

// CI runs the suite on two cores: every pair after 0–1 commands here, and the triples on lamp-socket
// (where both limits can be reached); `verify --exhaustive` proves the full default domain.
const PAIRS: ProgramShape = { maxPrefix: 1, minConcurrent: 2, maxConcurrent: 2 };
const TRIPLES: ProgramShape = { maxPrefix: 0, minConcurrent: 3, maxConcurrent: 3 };

describe("proofs of the correct in-memory assignment designs", () => {
  const cells = correctDesigns.flatMap((name) => assignmentScenarios.map((scenario) => ({ name, scenario, title: `${scenario.name} · ${name}` })));

  test("the catalogue has correct in-memory assignment designs to prove", () => {
    expect(correctDesigns.length).toBeGreaterThan(1);
  });

  test.each(cells)("$title: every interleaving of every pair after 0–1 commands", async ({ name, scenario }) => {
    const verdict = await verifyExhaustively(scenario, designNamed(name), session, { shape: PAIRS });
    expectProved(verdict);
    expect(verdict.programs).toBe(programCount(proofDomain(scenario)?.length ?? 0, PAIRS));
    expect(proofLine(verdict)).toContain("✓ verified");
  });

  test.each(correctDesigns)("lamp-socket · %s: every interleaving of every triple", async (name) => {
    const verdict = await verifyExhaustively(lampSocket, designNamed(name), session, { shape: TRIPLES });
    expectProved(verdict);
    expect(verdict.programs).toBe(56);
    expect(verdict.programs).toBe(programCount(proofDomain(lampSocket)?.length ?? 0, TRIPLES));
  });

  test("the same proof under a preemption bound covers exactly the interleavings within it", async () => {
    const verdict = await verifyExhaustively(lampSocket, designNamed("unit-of-work"), session, { shape: PAIRS, preemptionBound: 1 });
    expectProved(verdict);
    expect(verdict.reduction).toBe(false);
    expect(proofLine(verdict)).toMatch(/within 147 programs .*, all [\d,]+ interleavings up to 1 preemption,/);
  });

  test("a proof that meets a violation is a failure of the suite, with the counterexample as its message", async () => {
    const verdict = await verifyExhaustively(lampSocket, designNamed("naive"), session, { shape: PAIRS });
    expect(() => expectProved(verdict)).toThrow(/not linearizable|both views agree/);
  });

  test("an exhausted budget is reported as incomplete, never as a proof", async () => {
    const verdict = await verifyExhaustively(lampSocket, designNamed("registry"), session, { shape: PAIRS, budget: { executions: 50 } });
    expect(verdict).toMatchObject({ status: "incomplete", stoppedBy: "executions", executions: 50 });
    expect(proofLine(verdict)).toContain("not a proof");
  });
});

describe("exhaustive mode finds the known-broken designs, minimal by construction", () => {
  // The limit-1 scenarios, where every known-broken design's race is a pair (after one command at most).
  const broken = assignmentInMemory
    .filter((entry) => entry.expected.concurrent === "violated")
    .flatMap((entry) => [lampSocket, cellAllocation].map((scenario) => ({ ...entry, scenario, title: `${scenario.name} · ${entry.implementation.name}` })));

  test("the catalogue has known-broken in-memory assignment designs, each with its minimal size", () => {
    expect(broken.length).toBeGreaterThan(2);
    for (const { minimal } of broken) expect(minimal?.commands).toBeGreaterThan(0);
  });

  test.each(broken)("$title: $minimal.commands commands, $minimal.preemptions preemption(s)", async ({ implementation, scenario, minimal }) => {
    const verdict = await verifyExhaustively(scenario, implementation, session);
    expect(verdict.status, proofLine(verdict)).toBe("violated");
    expect({ commands: commandsOf(verdict), preemptions: verdict.counterexample?.execution.preemptions }).toEqual(minimal);
    expect(verdict.counterexample?.sizeExplored).toBe(true);
    const report = proofReport(verdict, "npx invariant-lab …");
    expect(report).toContain("minimal commands");
    expect(report).toContain("⚡");
  });
});

describe("what a proof covers, stated with it", () => {
  test("the verdict line names its domain, the commands, and what is not covered", async () => {
    const verdict = await verifyExhaustively(lampSocket, designNamed("registry"), session, { shape: { ...PAIRS, name: "pairs" } });
    const line = proofLine(verdict);
    expect(line).toContain(
      "within 147 programs (pairs domain: prefix ≤ 1, 2 tasks of 1 command, over 6 commands: join(l1, s1), join(l2, s1), join(l1, s2), join(l2, s2), leave(l1, s1), leave(l2, s1))",
    );
    expect(line).toMatch(
      /; not covered: prefixes of 2\+ commands, 3\+ tasks, tasks of 2\+ commands \(the sequenced domain has tasks of 2\), other lamp–socket pairs/,
    );
  });

  test("the default domain has two-command tasks without a prefix, the sequenced one after a prefix too, and the verdict says which ran", () => {
    const commands = proofDomain(lampSocket) ?? [];
    const longTasks = (shape: ProgramShape) =>
      programsBySize(commands, shape)
        .flatMap((group) => group.programs)
        .filter((program) => program.branches.some((branch) => branch.length === 2));
    expect(longTasks(DEFAULT_SHAPE).length).toBe(6 ** 3);
    expect(longTasks(DEFAULT_SHAPE).every((program) => program.prefix.length === 0)).toBe(true);
    expect(longTasks(SEQUENCED_SHAPE).length).toBe(7 * 6 ** 3);
    for (const shape of [DEFAULT_SHAPE, SEQUENCED_SHAPE]) {
      expect(programsBySize(commands, shape).reduce((sum, group) => sum + group.programs.length, 0)).toBe(programCount(commands.length, shape));
    }
  });

  test("the pairs domain is every pair of commands from the starting state: 21 programs over lamp-socket's 6 commands", () => {
    const programs = programsBySize(proofDomain(lampSocket) ?? [], PAIRS_SHAPE).flatMap((group) => group.programs);
    expect(programs).toHaveLength((6 * 7) / 2);
    expect(
      programs.every((program) => program.prefix.length === 0 && program.branches.length === 2 && program.branches.every((branch) => branch.length === 1)),
    ).toBe(true);
  });

  test.each(assignmentScenarios.filter((scenario) => scenario.start === undefined))("$name: the domain can exceed both limits by one", (scenario) => {
    const joins = (proofDomain(scenario) ?? []) as ReadonlyArray<AssignmentCommand>;
    const [member, container] = [scenario.config.members[0], scenario.config.containers[0]];
    const of = (keep: (command: AssignmentCommand) => boolean) =>
      new Set(joins.filter((command) => command._tag === "join" && keep(command)).map((command) => `${command.member}/${command.container}`)).size;
    expect(of((command) => command.container === container)).toBe(scenario.config.containerLimit + 1);
    expect(of((command) => command.member === member)).toBe(scenario.config.memberLimit + 1);
  });

  test("club-membership's starting state puts the first club and member at their limits, so one join of the domain exceeds each", () => {
    const started = clubMembership.start?.commands ?? [];
    const count = (keep: (command: AssignmentCommand) => boolean) => started.filter(keep).length;
    expect(count((command) => command.container === "g1")).toBe(clubMembership.config.containerLimit);
    expect(count((command) => command.member === "u1")).toBe(clubMembership.config.memberLimit);
  });
});
