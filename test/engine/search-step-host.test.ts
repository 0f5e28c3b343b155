import { describe, expect, test } from "vitest";
import * as engineStep from "../../engine/step.js";

const REGISTRY = Symbol.for("invariant-lab.step-host");

/** The same file under another URL is another module instance: what a second install of the package is. */
const loadCopy = async (tag: string): Promise<typeof engineStep> => (await import(/* @vite-ignore */ `../../engine/step.ts?copy=${tag}`)) as typeof engineStep;

describe("one step host per process", () => {
  test("a design's step() from another copy of the package parks at the engine's gate", async () => {
    const copy = await loadCopy("design");
    expect(copy.step).not.toBe(engineStep.step);
    const arrived: string[] = [];
    const host = { task: "T1", arrive: async (label: string) => void arrived.push(label), record: () => undefined };
    const result = await engineStep.runControlled(host, async () => {
      expect(copy.currentTask()).toBe("T1");
      return copy.step("load lamp l1", () => 7);
    });
    expect(result).toBe(7);
    expect(arrived).toEqual(["load lamp l1"]);
  });

  test("a copy that cannot share the host refuses to load, naming the problem", async () => {
    const registry = globalThis as Record<symbol, unknown>;
    const shared = Object.getOwnPropertyDescriptor(registry, REGISTRY);
    expect(shared).toBeDefined();
    Object.defineProperty(registry, REGISTRY, { ...shared, value: { protocol: -1, storage: undefined } });
    try {
      await expect(loadCopy("incompatible")).rejects.toThrow(/another copy of the harness.*install one version of invariant-lab/);
    } finally {
      Object.defineProperty(registry, REGISTRY, shared as PropertyDescriptor);
    }
    // Once the registry is whole again, a further copy joins it.
    const copy = await loadCopy("after");
    await engineStep.runControlled({ task: "T2", arrive: async () => undefined, record: () => undefined }, async () => expect(copy.currentTask()).toBe("T2"));
  });
});
