import type { AnyImplementation } from "../../engine/implementation.js";
import { step } from "../../engine/step.js";
import type { Mutant } from "./boundary-mutants.js";

/** How many harmless awaits the late-race mutants put before a command's own steps. */
export const AWAITS_BEFORE_RACE: ReadonlyArray<number> = [1, 3, 6];

/**
 * The design unchanged, but every command first awaits `count` harmless steps (an audit line, a
 * feature flag, a `SET LOCAL`): its race now sits behind them, at steps `count` and later. A search
 * that only preempts early steps passes such a design while the race is as real as before. The
 * audit steps declare that they only read, so nothing about the design's own steps changes.
 */
export const withAwaitsFirst = (design: AnyImplementation, count: number): Mutant => {
  const mistake = `${count} harmless await${count === 1 ? "" : "s"} before the race`;
  return {
    mistake,
    implementation: {
      ...design,
      name: `${design.name}~awaits-${count}`,
      design: `${design.design}, ${mistake}`,
      create: async (context: object) => {
        const instance = await design.create(context);
        return {
          ...instance,
          execute: async (command: unknown): Promise<unknown> => {
            for (let index = 1; index <= count; index++)
              await step(
                `audit ${index}`,
                () => undefined,
                () => "",
                { reads: [] },
              );
            return instance.execute(command);
          },
        };
      },
    },
  };
};
