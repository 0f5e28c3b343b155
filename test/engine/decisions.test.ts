import { describe, expect, test } from "vitest";
import { preemptionSource } from "../../engine/schedule/preemptions.js";

const at = (command: number, step: number) => ({ command, step });

describe("preemptionSource", () => {
  test("without preemptions the current task runs on, then the first one waiting", () => {
    const source = preemptionSource([[], []]);
    expect(source.next([0, 1], undefined, [at(0, 0), at(0, 0)])).toBe(0);
    expect(source.next([0, 1], 0, [at(0, 1), at(0, 0)])).toBe(0);
    expect(source.next([1], 0, [at(0, 2), at(0, 0)])).toBe(1);
  });

  test("a preemption switches exactly before the step of the command it belongs to", () => {
    const source = preemptionSource([[[], [{ step: 1, to: 0 }]], []]);
    expect(source.next([0, 1], 0, [at(0, 1), at(0, 0)])).toBe(0);
    expect(source.next([0, 1], 0, [at(1, 0), at(0, 0)])).toBe(0);
    expect(source.next([0, 1], 0, [at(1, 1), at(0, 0)])).toBe(1);
  });

  test("`to` picks among the other waiting tasks, wrapping around", () => {
    const source = preemptionSource([[[{ step: 0, to: 1 }]], [], []]);
    expect(source.next([0, 1, 2], 0, [at(0, 0), at(0, 0), at(0, 0)])).toBe(2);
    expect(source.next([0, 1], 0, [at(0, 0), at(0, 0)])).toBe(1);
  });
});
