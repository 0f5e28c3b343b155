import { describe, expect, test } from "vitest";
import { memoryBackend } from "../backends/memory.js";
import { proofLine, proofReport } from "../engine/report/proof-report.js";
import type { ProofVerdict } from "../engine/exhaustive/proof.js";
import { bankTransfer } from "../model/bank-transfer/scenarios.js";
import { flightBooking } from "../model/flight-booking/scenarios.js";
import { tenantSubscription } from "../model/tenant-subscription/scenarios.js";
import { uniqueEmail } from "../model/unique-email/scenarios.js";
import type { AnyScenario } from "../engine/reference-model.js";
import { catalogue } from "../properties/catalogue.js";
import { proofDomain, verifyExhaustively } from "../properties/verify-exhaustively.js";

const session = await memoryBackend.start();
const designNamed = (name: string) => {
  const entry = catalogue.find((candidate) => candidate.implementation.name === name);
  if (entry === undefined) throw new Error(`no design ${name} in the catalogue`);
  return entry.implementation;
};

const commandsOf = (verdict: ProofVerdict): number => {
  const program = verdict.counterexample?.program;
  return program === undefined ? 0 : program.prefix.length + program.branches.reduce((sum, branch) => sum + branch.length, 0);
};

// These domains are small enough that the correct designs are proved here on the full default shape
// (prefix of 0–1 commands, then 2–3 concurrent ones), as `verify --exhaustive` does; the slowest,
// bank-transfer's unit of work, takes about 10 s on two cores.
const programsOver = (domain: number): number => (domain + 1) * ((domain * (domain + 1)) / 2 + (domain * (domain + 1) * (domain + 2)) / 6);

const families: ReadonlyArray<{
  readonly scenario: AnyScenario;
  readonly domain: number;
  readonly correct: ReadonlyArray<string>;
  /** The known-broken designs with the size of their minimal counterexample and its preemptions. */
  readonly broken: ReadonlyArray<{ readonly name: string; readonly commands: number; readonly preemptions: number; readonly failure: RegExp }>;
}> = [
  {
    scenario: uniqueEmail,
    domain: 6,
    correct: ["email-registry"],
    broken: [
      { name: "email-naive", commands: 2, preemptions: 1, failure: /not linearizable/ },
      // Broken without concurrency: the two spellings registered one after the other.
      { name: "email-forgets-to-normalize", commands: 2, preemptions: 0, failure: /unique e-mail/ },
    ],
  },
  {
    scenario: tenantSubscription,
    domain: 5,
    correct: ["subscription-plan"],
    broken: [
      { name: "subscription-naive", commands: 2, preemptions: 1, failure: /not linearizable/ },
      { name: "subscription-versioned-organization", commands: 2, preemptions: 1, failure: /one subscription per product and tenant/ },
    ],
  },
  {
    scenario: bankTransfer,
    domain: 4,
    correct: ["transfer-unit-of-work", "transfer-ledger"],
    broken: [
      { name: "transfer-naive", commands: 2, preemptions: 1, failure: /not linearizable/ },
      { name: "transfer-check-then-debit", commands: 2, preemptions: 1, failure: /no balance below zero/ },
    ],
  },
  {
    scenario: flightBooking,
    domain: 5,
    correct: ["flight-versioned-aggregate"],
    broken: [{ name: "flight-naive", commands: 2, preemptions: 1, failure: /overbooking limit/ }],
  },
];

describe("every family declares a proof domain", () => {
  test.each(families)("$scenario.name: $domain commands", ({ scenario, domain }) => {
    expect(proofDomain(scenario)).toHaveLength(domain);
  });
});

describe("proofs of the correct in-memory designs of the other families", () => {
  const cells = families.flatMap(({ scenario, domain, correct }) => correct.map((name) => ({ name, scenario, domain, title: `${scenario.name} · ${name}` })));

  test.each(cells)("$title: every interleaving of every pair and triple after 0–1 commands", { timeout: 60_000 }, async ({ name, scenario, domain }) => {
    const verdict = await verifyExhaustively(scenario, designNamed(name), session);
    expect(verdict.status, proofReport(verdict, "(test)")).toBe("verified");
    expect(verdict.programs).toBe(programsOver(domain));
    expect(verdict.programsExplored).toBe(verdict.programs);
    expect(proofLine(verdict)).toContain("✓ verified");
  });
});

describe("exhaustive mode finds the other families' known-broken designs, minimal by construction", () => {
  const cells = families.flatMap(({ scenario, broken }) => broken.map((design) => ({ ...design, scenario, title: `${scenario.name} · ${design.name}` })));

  test.each(cells)("$title: $commands commands, $preemptions preemption(s)", async ({ name, scenario, commands, preemptions, failure }) => {
    const verdict = await verifyExhaustively(scenario, designNamed(name), session);
    expect(verdict.status, proofLine(verdict)).toBe("violated");
    expect(commandsOf(verdict)).toBe(commands);
    expect(verdict.counterexample?.execution.preemptions).toBe(preemptions);
    expect(verdict.counterexample?.sizeExplored).toBe(true);
    expect(proofLine(verdict)).toMatch(failure);
    expect(proofReport(verdict, "npx invariant-lab …")).toContain("minimal commands");
  });
});
