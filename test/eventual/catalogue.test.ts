import { describe, expect, test } from "vitest";
import { eventualVerdictReport } from "../../engine/eventual/report.js";
import { eventualCatalogue } from "../../properties/catalogue.js";
import { familyOf } from "../../properties/families.js";
import { verifyEventually } from "../../properties/eventual/verify-eventually.js";

/** Generous: a search, its shrinking and one more search for a smaller counterexample, on two busy cores. */
const TIMEOUT_MS = 120_000;
/** Runs per check of a design expected to pass; a violation ends the search at once. */
const RUNS = 300;
/** Every seed must reach the smallest counterexample, not only a lucky one. */
const SEEDS = [7, 8, 9];

/** The designs in memory; those on PostgreSQL are checked by test/postgres/eventual.test.ts. */
const cells = eventualCatalogue
  .filter((entry) => entry.implementation.backend === "memory")
  .flatMap((entry) =>
    (familyOf(entry.implementation.family)?.scenarios ?? [])
      .filter((scenario) => entry.scenarios?.includes(scenario.name) ?? true)
      .flatMap((scenario) => (["sequential", "concurrent"] as const).map((mode) => ({ entry, scenario, mode }))),
  );

describe.each(cells)("$entry.implementation.name on $scenario.name, $mode", ({ entry, scenario, mode }) => {
  test(
    `is ${entry.expected[mode]}${entry.minimal === undefined ? "" : `, with the fewest requests and faults`}`,
    async () => {
      for (const seed of entry.expected[mode] === "passed" ? SEEDS.slice(0, 1) : SEEDS) {
        const verdict = await verifyEventually(scenario, entry.implementation, { mode, numRuns: RUNS, seed });
        const report = eventualVerdictReport(verdict, `seed ${verdict.counterexample?.seed ?? verdict.seed}`);
        expect(verdict.status, report).toBe(entry.expected[mode]);
        if (verdict.status === "passed") expect(verdict.distinctInterleavings).toBeGreaterThan(RUNS / 2);
        const example = verdict.counterexample;
        if (example === undefined || entry.minimal === undefined) continue;
        const requests = example.case.prefix.length + example.case.branches.reduce((sum, branch) => sum + branch.length, 0);
        expect({ requests, faults: example.case.faults.map((fault) => fault.kind) }, report).toEqual(entry.minimal);
      }
    },
    TIMEOUT_MS,
  );

  if (entry.faultFree !== undefined) {
    test(
      `is ${entry.faultFree} without faults`,
      async () => {
        const verdict = await verifyEventually(scenario, entry.implementation, { mode, numRuns: RUNS, seed: SEEDS[0], faults: false });
        expect(verdict.status, eventualVerdictReport(verdict, "")).toBe(entry.faultFree);
      },
      TIMEOUT_MS,
    );
  }
});

test("the catalogue names a verdict for every kind of flaw of the slot saga", () => {
  const names = eventualCatalogue.map((entry) => entry.implementation.name);
  expect(names).toEqual(
    expect.arrayContaining(["slot-reservation-saga", "saga-without-compensation", "non-idempotent-saga", "publish-after-commit", "eager-confirmation"]),
  );
});
