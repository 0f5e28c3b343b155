import fc from "fast-check";
import type { DecisionSource } from "./decision-source.js";
import type { ScheduleStrategy } from "./strategy.js";

/** "Just before this command takes its step number `step` (from 0), switch to another task." */
export interface Preemption {
  readonly step: number;
  /** Which of the other waiting tasks, in task order, wrapping around. */
  readonly to: number;
}

/**
 * The default schedule runs the current task until it finishes, then the first one still waiting;
 * each preemption adds exactly one context switch to that. Preemptions belong to the command they
 * interrupt (`preemptions[task][command]`), so when fast-check removes a command its preemptions go
 * with it and nobody else's move, and every preemption removed is one context switch fewer.
 */
export const preemptionSource = (preemptions: ReadonlyArray<ReadonlyArray<ReadonlyArray<Preemption>>>): DecisionSource => ({
  next(enabled, last, positions) {
    const current = enabled.includes(last ?? 0) ? (last ?? 0) : undefined;
    if (current === undefined) return enabled[0] as number;
    const position = positions[current];
    const point = preemptions[current]?.[position?.command ?? -1]?.find((candidate) => candidate.step === position?.step);
    if (point === undefined) return current;
    const others = enabled.filter((task) => task !== current);
    return others[point.to % others.length] as number;
  },
});

/**
 * Where a sparse preemption falls: before any step of its command, however late, with early steps
 * favoured. Most commands take two to four steps (load, load, save, save), so half the points fall
 * before one of those; each wider range gets less weight, and the last one reaches any step a
 * command can have. A race behind harmless awaits (an audit line, `SET LOCAL`, a feature flag) sits
 * at step 7 or 10, out of reach of a search that only preempts the first four steps.
 */
export const preemptionStep: fc.Arbitrary<number> = fc.oneof(
  { weight: 16, arbitrary: fc.nat({ max: 3 }) },
  { weight: 4, arbitrary: fc.nat({ max: 7 }) },
  { weight: 2, arbitrary: fc.nat({ max: 15 }) },
  { weight: 1, arbitrary: fc.nat({ max: 31 }) },
  { weight: 1, arbitrary: fc.nat() },
);

/** Dense points fall among a command's first steps up to here, on about half of them, as a uniform random walk switches. */
export const DENSE_STEPS = 16;

/** Sparse points: at most this many per command, before any step. */
export const SPARSE_POINTS = 2;

const point = (step: fc.Arbitrary<number>): fc.Arbitrary<Preemption> => fc.record({ step, to: fc.nat({ max: 1 }) });

/**
 * The points of one command: three times in four sparse (up to two, a switch each), otherwise
 * dense (up to one before every step), which meets a race wherever it sits in a long command as a
 * uniform random walk does. More dense points find late races sooner but early ones later (a
 * PostgreSQL race at step 3 took five times the runs with half the commands dense). Measured on the catalogue's broken designs and on the same designs
 * behind 1, 3 and 6 harmless awaits: about as many runs as before on early races, and late ones
 * found in tens of runs (uniform walks need fewer, and are shrunk as the preemption points they
 * are rewritten into: `random/walk-to-preemptions.ts`). Both kinds shrink alike: points go, and
 * the ones left move earlier; the engine then tries the fewest switches directly
 * (`random/fewest-switches.ts`).
 */
export const commandPreemptions: fc.Arbitrary<ReadonlyArray<Preemption>> = fc.oneof(
  { weight: 3, arbitrary: fc.array(point(preemptionStep), { maxLength: SPARSE_POINTS }) },
  { weight: 1, arbitrary: fc.array(point(fc.noBias(fc.nat({ max: DENSE_STEPS - 1 }))), { maxLength: DENSE_STEPS, size: "max" }) },
);

/** Preemption points per command, kept in the branches beside it: also the form a failing walk is shrunk in. */
export const preemptionsStrategy: ScheduleStrategy<"preemptions"> = {
  name: "preemptions",
  preemptions: commandPreemptions,
  schedule: undefined,
  source: ({ preemptions }) => preemptionSource(preemptions),
};
