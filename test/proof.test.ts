import { describe, expect, test } from "vitest";
import { memoryBackend } from "../backends/memory.js";
import type { ProgramShape } from "../engine/exhaustive/programs.js";
import { proofLine, proofReport } from "../engine/report/proof-report.js";
import type { ProofVerdict } from "../engine/exhaustive/proof.js";
import { assignmentScenarios, cellAllocation, lampSocket } from "../model/assignment/scenarios.js";
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
    expect(verdict.programs).toBe(120);
    expect(verdict.programs).toBe(programCount(proofDomain(lampSocket)?.length ?? 0, TRIPLES));
  });

  test("the same proof under a preemption bound covers exactly the interleavings within it", async () => {
    const verdict = await verifyExhaustively(lampSocket, designNamed("unit-of-work"), session, { shape: PAIRS, preemptionBound: 1 });
    expectProved(verdict);
    expect(verdict.reduction).toBe(false);
    expect(proofLine(verdict)).toMatch(/all [\d,]+ interleavings of 324 programs .* up to 1 preemption,/);
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
