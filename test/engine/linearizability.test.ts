import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { checkLinearizable, type TimedOperation } from "../../engine/linearizability.js";

/** A register of one integer: `inc` returns the new value, `read` returns the current one. */
type Command = "inc" | "read";
const counter = {
  initial: 0,
  step: (state: number, command: Command) => (command === "inc" ? { outcome: state + 1, state: state + 1 } : { outcome: state, state }),
};

const op = (id: number, command: Command, invokedAt: number, completedAt: number | undefined, outcome?: number): TimedOperation<Command, number> => ({
  id,
  command,
  invokedAt,
  ...(completedAt === undefined ? {} : { completedAt }),
  ...(outcome === undefined ? {} : { outcome }),
});

describe("checkLinearizable", () => {
  test("accepts overlapping operations in whichever order explains them", () => {
    // inc and read overlap; the read saw the increment, so inc must be placed first.
    const result = checkLinearizable([op(0, "read", 1, 4, 1), op(1, "inc", 2, 3, 1)], counter);
    expect(result).toMatchObject({ kind: "linearizable", order: [1, 0] });
  });

  test("rejects an order that contradicts real time", () => {
    // The read completed before the inc was invoked, yet it claims to have seen it.
    const result = checkLinearizable([op(0, "read", 1, 2, 1), op(1, "inc", 3, 4, 1)], counter);
    expect(result).toMatchObject({ kind: "not-linearizable", unexplained: [{ operation: 0, admissible: [0] }] });
  });

  test("two increments cannot both return 1 (a lost update)", () => {
    const result = checkLinearizable([op(0, "inc", 1, 4, 1), op(1, "inc", 2, 3, 1)], counter);
    expect(result.kind).toBe("not-linearizable");
  });

  test("an operation that never completed may have happened or not", () => {
    const history = [op(0, "inc", 1, undefined), op(1, "read", 2, 3, 1)];
    expect(checkLinearizable(history, counter).kind).toBe("linearizable");
    expect(checkLinearizable([op(0, "inc", 1, undefined), op(1, "read", 2, 3, 0)], counter).kind).toBe("linearizable");
  });

  test("outcomes explained but the final state not accepted is reported as such", () => {
    const result = checkLinearizable([op(0, "inc", 1, 2, 1)], { ...counter, accept: (state) => state === 5 });
    expect(result).toMatchObject({ kind: "state-not-explained", modelStates: [1] });
  });

  test("a search over its budget says unknown, never linearizable", () => {
    // Ten increments that may or may not have happened, and a read nothing explains: a thousand
    // subsets to try before the search can say no.
    const history = [...Array.from({ length: 10 }, (_, id) => op(id, "inc", 1, undefined)), op(10, "read", 1, 100, 99)];
    expect(checkLinearizable(history, counter, 50).kind).toBe("unknown");
  });

  test.prop([fc.array(fc.constantFrom<Command>("inc", "read"), { maxLength: 12 })])("every sequential history of the model is linearizable", (commands) => {
    let state = counter.initial;
    const history = commands.map((command, id) => {
      const next = counter.step(state, command);
      state = next.state;
      return op(id, command, 2 * id + 1, 2 * id + 2, next.outcome);
    });
    expect(checkLinearizable(history, counter).kind).toBe("linearizable");
  });

  test.prop([fc.array(fc.constantFrom<Command>("inc", "read"), { minLength: 1, maxLength: 10 }), fc.nat(), fc.integer({ min: 1, max: 3 })])(
    "a sequential history with one outcome changed is not",
    (commands, which, delta) => {
      let state = counter.initial;
      const history = commands.map((command, id) => {
        const next = counter.step(state, command);
        state = next.state;
        return op(id, command, 2 * id + 1, 2 * id + 2, next.outcome);
      });
      const index = which % history.length;
      const victim = history[index] as TimedOperation<Command, number>;
      history[index] = { ...victim, outcome: (victim.outcome ?? 0) + delta };
      expect(checkLinearizable(history, counter).kind).toBe("not-linearizable");
    },
  );
});
