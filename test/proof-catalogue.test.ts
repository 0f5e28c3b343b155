import { describe, expect, test } from "vitest";
import { memoryBackend } from "../backends/memory.js";
import { DEFAULT_SHAPE } from "../engine/exhaustive/programs.js";
import type { ProofVerdict } from "../engine/exhaustive/proof.js";
import { proofLine, proofReport } from "../engine/report/proof-report.js";
import { catalogue } from "../properties/catalogue.js";
import { families } from "../properties/families.js";
import { proofDomain, verifyExhaustively } from "../properties/verify-exhaustively.js";
import { programCount } from "./support/program-count.js";

const session = await memoryBackend.start();

const commandsOf = (verdict: ProofVerdict): number => {
  const program = verdict.counterexample?.program;
  return program === undefined ? 0 : program.prefix.length + program.branches.reduce((sum, branch) => sum + branch.length, 0);
};

/**
 * Domains this small are proved here on the full default shape (prefix of 0–1 commands, then 2–3
 * concurrent ones, or two tasks of which one runs two commands), as `verify --exhaustive` does; the
 * slowest, bank-transfer's unit of work, takes about 10 s on two cores. The assignment family's
 * domains (6 to 8 commands, each proof a minute or more) are proved on narrower shapes in proof.test.ts.
 */
const FULL_SHAPE_DOMAIN = 6;

const cells = families.flatMap((family) =>
  family.scenarios.flatMap((scenario) => {
    const domain = proofDomain(scenario)?.length ?? 0;
    if (domain > FULL_SHAPE_DOMAIN || family.name === "assignment") return [];
    return catalogue
      .filter((entry) => entry.implementation.family === family.name && entry.implementation.backend === "memory")
      .filter((entry) => entry.scenarios?.includes(scenario.name) ?? true)
      .map((entry) => ({ ...entry, scenario, domain, title: `${scenario.name} · ${entry.implementation.name}` }));
  }),
);

/** The failure exhaustive mode meets first in each known-broken design's minimal program (it pins the search order). */
const firstFailure: Readonly<Record<string, RegExp>> = {
  "email-naive": /not linearizable/,
  // Broken without concurrency: the two spellings registered one after the other.
  "email-forgets-to-normalize": /unique e-mail/,
  "subscription-naive": /not linearizable/,
  "subscription-versioned-organization": /one subscription per product and tenant/,
  "transfer-naive": /not linearizable/,
  "transfer-check-then-debit": /no balance below zero/,
  "flight-naive": /overbooking limit/,
};

describe("every family declares a proof domain", () => {
  test.each(families.flatMap((family) => family.scenarios))("$name", (scenario) => {
    expect(proofDomain(scenario)?.length).toBeGreaterThan(0);
  });

  test("the proofs on the full shape cover a correct and a known-broken design of every family but assignment", () => {
    const covered = (expected: "passed" | "violated") =>
      new Set(cells.filter((cell) => cell.expected.concurrent === expected).map((cell) => cell.implementation.family));
    const others = families.map((family) => family.name).filter((name) => name !== "assignment");
    expect([...covered("passed")].sort()).toEqual([...others].sort());
    expect([...covered("violated")].sort()).toEqual([...others].sort());
    expect(Object.keys(firstFailure).sort()).toEqual(
      [...new Set(cells.filter((cell) => cell.minimal !== undefined).map((cell) => cell.implementation.name))].sort(),
    );
  });
});

describe("proofs of the correct in-memory designs of the families with small domains", () => {
  test.each(cells.filter((cell) => cell.expected.concurrent === "passed"))(
    "$title: every interleaving of every pair and triple after 0–1 commands",
    { timeout: 60_000 },
    async ({ implementation, scenario, domain }) => {
      const verdict = await verifyExhaustively(scenario, implementation, session);
      expect(verdict.status, proofReport(verdict, "(test)")).toBe("verified");
      expect(verdict.programs).toBe(programCount(domain, DEFAULT_SHAPE));
      expect(verdict.programsExplored).toBe(verdict.programs);
      expect(proofLine(verdict)).toContain("✓ verified");
    },
  );
});

describe("exhaustive mode finds their known-broken designs, minimal by construction, as small as the catalogue states", () => {
  test.each(cells.filter((cell) => cell.expected.concurrent === "violated"))("$title", async ({ implementation, scenario, minimal }) => {
    const verdict = await verifyExhaustively(scenario, implementation, session);
    expect(verdict.status, proofLine(verdict)).toBe("violated");
    expect(minimal).toBeDefined();
    expect({ commands: commandsOf(verdict), preemptions: verdict.counterexample?.execution.preemptions }).toEqual(minimal);
    expect(verdict.counterexample?.sizeExplored).toBe(true);
    expect(proofLine(verdict)).toMatch(firstFailure[implementation.name] ?? /no failure stated/);
    expect(proofReport(verdict, "npx invariant-lab …")).toContain("minimal commands");
  });
});
