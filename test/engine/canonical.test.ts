import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { canonical } from "../../engine/canonical.js";

const definition = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );

describe("canonical text", () => {
  test.prop([fc.anything({ withMap: true, withSet: true, withDate: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: true })], {
    numRuns: 1000,
  })("is JSON.stringify with sorted keys, for any value", (value) => {
    let expected: string | undefined;
    try {
      expected = definition(value);
    } catch {
      expect(() => canonical(value)).toThrow();
      return;
    }
    expect(canonical(value)).toBe(expected);
  });

  it("sorts keys, index-like ones as JSON orders them, and leaves out undefined fields", () => {
    expect(canonical({ b: 1, a: [2, { d: undefined, c: "x" }] })).toBe('{"a":[2,{"c":"x"}],"b":1}');
    expect(canonical({ b: 1, 10: 2, 9: 3 })).toBe('{"9":3,"10":2,"b":1}');
    expect(canonical({ at: new Date(0), n: -0, nan: NaN })).toBe('{"at":"1970-01-01T00:00:00.000Z","n":0,"nan":null}');
  });
});
