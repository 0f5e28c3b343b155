import type { DecisionSource } from "./decision-source.js";

/**
 * Takes the given decisions in order (task indices, as an exhaustive search recorded them), then the
 * default: the current task goes on, else the first enabled one. Replays an exhaustive counterexample.
 */
export const forcedSource = (decisions: ReadonlyArray<number>): DecisionSource => {
  let index = 0;
  return {
    next(enabled, last) {
      const forced = decisions[index++];
      if (forced !== undefined && enabled.includes(forced)) return forced;
      return last !== undefined && enabled.includes(last) ? last : (enabled[0] as number);
    },
  };
};
