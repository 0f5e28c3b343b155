import { describe, expect, it } from "vitest";
import type { EventualProofBound } from "../../engine/eventual/proof.js";
import { eventualProofLine } from "../../engine/eventual/proof-report.js";
import { requestCount } from "../../engine/eventual/case.js";
import { eventualCatalogue } from "../../properties/catalogue.js";
import { familyOf } from "../../properties/families.js";
import { eventualProofDomain, proveEventualDesign } from "../../properties/eventual/prove-eventually.js";

const entryNamed = (name: string) => {
  const entry = eventualCatalogue.find((candidate) => candidate.implementation.name === name);
  if (entry === undefined) throw new Error(`no eventual design ${name}`);
  return entry;
};

/** The design on a scenario, with the commands at these places of its proof domain (a small domain keeps a proof to seconds). */
const target = (name: string, scenarioName: string, places: ReadonlyArray<number>) => {
  const entry = entryNamed(name);
  const scenario = familyOf(entry.implementation.family)?.scenarios.find((candidate) => candidate.name === scenarioName);
  if (scenario === undefined) throw new Error(`no scenario ${scenarioName}`);
  const domain = eventualProofDomain(scenario, entry.implementation) ?? [];
  return { entry, scenario, commands: places.map((place) => domain[place]) };
};

describe("proof mode of the eventually-consistent designs (memory)", () => {
  // Each correct design over 3 requests of its family's domain: two that compete for one thing, and one more.
  it.each([
    ["slot-reservation-saga", "group-membership", [0, 1, 6]],
    ["slot-reservation-saga", "cell-allocation", [0, 1, 5]],
    ["transfer-saga", "bank-transfer", [0, 1, 2]],
    ["subscribe-then-charge-back", "tenant-subscription", [0, 1, 2]],
    ["dedupe-job", "unique-email", [0, 1, 2]],
  ] as const)(
    "%s on %s is verified: every delivery order and fault placement in the bound",
    async (name, scenarioName, places) => {
      const { entry, scenario, commands } = target(name, scenarioName, places);
      const verdict = await proveEventualDesign(scenario, entry.implementation, { commands });
      expect(verdict.status, eventualProofLine(verdict)).toBe("verified");
      expect(verdict.faultSetsExplored).toBeGreaterThan(0);
      expect(eventualProofLine(verdict)).toContain("every set of up to 1 fault per run");
    },
    120_000,
  );

  // Each broken design, found in the same mode with the fewest requests, then the fewest faults: those of the catalogue's random mode.
  const wider: EventualProofBound = { maxRequests: 3, maxPrefix: 2, maxFaults: 1, maxSwitches: 0 };
  it.each([
    ["non-idempotent-saga", "group-membership", [0, 1, 6], undefined],
    ["publish-after-commit", "group-membership", [0, 1, 6], undefined],
    ["saga-without-compensation", "cell-allocation", [0, 3, 5], undefined],
    ["eager-confirmation", "group-membership", [0, 3, 4], wider],
  ] as const)(
    "%s on %s is caught with a minimal counterexample",
    async (name, scenarioName, places, bound) => {
      const { entry, scenario, commands } = target(name, scenarioName, places);
      const verdict = await proveEventualDesign(scenario, entry.implementation, { commands, ...(bound === undefined ? {} : { bound }) });
      expect(verdict.status, eventualProofLine(verdict)).toBe("violated");
      const example = verdict.counterexample;
      if (example === undefined || entry.minimal === undefined)
        throw new Error("a violated verdict carries its counterexample; a broken entry its minimal size");
      expect(requestCount(example.case)).toBe(entry.minimal.requests);
      expect(example.case.faults.map((fault) => fault.kind)).toEqual(entry.minimal.faults);
      expect(example.execution.failure?.kind).toBeDefined();
    },
    120_000,
  );
});
