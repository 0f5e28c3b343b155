import { describe, expect, it } from "vitest";
import { copy } from "../../implementations/memory/copy.js";

describe("a memory table's copy", () => {
  it("copies plain data deeply, as structuredClone does", () => {
    const value = { members: ["u1", "u2"], limits: { g1: 2 }, note: null, gone: undefined, zero: -0, version: 3 };
    const copied = copy(value);
    expect(copied).toStrictEqual(structuredClone(value));
    expect(Object.is(copied.zero, -0)).toBe(true);
    expect(copied.members).not.toBe(value.members);
    copied.limits.g1 = 5;
    expect(value.limits.g1).toBe(2);
  });

  it("leaves anything but plain data to structuredClone: a Map, a Date, a shared object, a hole", () => {
    const shared = { id: "u1" };
    const value = { map: new Map([["a", 1]]), at: new Date(0), left: shared, right: shared };
    const copied = copy(value);
    expect(copied).toStrictEqual(structuredClone(value));
    expect(copied.left).toBe(copied.right);
    const holes = [1, , 3];
    expect(1 in copy(holes)).toBe(false);
    expect(() => copy({ run: () => undefined })).toThrow();
  });

  it("keeps a field named __proto__ a field", () => {
    const value = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    const copied = copy(value);
    expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
    expect(Object.keys(copied)).toEqual(["__proto__"]);
  });
});
