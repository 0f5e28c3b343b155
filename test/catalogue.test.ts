import { describe, expect, test } from "vitest";
import { backends } from "../backends/index.js";
import { catalogue } from "../properties/catalogue.js";
import { familyOf } from "../properties/families.js";

describe("the catalogue", () => {
  test.each(catalogue.map((entry) => ({ ...entry, name: entry.implementation.name })))(
    "$name: a registered family and backend, and what its verdict needs",
    (entry) => {
      const family = familyOf(entry.implementation.family);
      expect(family).toBeDefined();
      expect(backends.map((backend) => backend.name)).toContain(entry.implementation.backend);
      for (const scenario of entry.scenarios ?? []) expect(family?.scenarios.map(({ name }) => name)).toContain(scenario);
      const broken = entry.expected.sequential === "violated" || entry.expected.concurrent === "violated";
      // A known-broken design is evidence only with its reason and the size its counterexample must shrink to.
      expect(entry.because !== undefined, "because").toBe(broken);
      expect(entry.minimal !== undefined, "minimal").toBe(broken);
      if (entry.minimal !== undefined) {
        expect(entry.minimal.commands).toBeGreaterThanOrEqual(1);
        // Broken even sequentially means no context switch is needed to show it; a race needs one at least.
        expect(entry.minimal.preemptions === 0).toBe(entry.expected.sequential === "violated");
      }
    },
  );

  test("names each design once", () => {
    const names = catalogue.map((entry) => entry.implementation.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
