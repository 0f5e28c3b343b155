import { programSize } from "../program.js";
import type { Counterexample } from "./verdict.js";

/** At most this many more failing searches run after the first one, to pick the smallest counterexample. */
export const EXTRA_SEARCHES = 4;

/** Commands first, then context switches: a counterexample with fewer commands is smaller whatever its preemptions. */
const weight = <Command, Outcome>(found: Counterexample<Command, Outcome>): number => programSize(found.case) * 100 + found.execution.preemptions;

/** Two commands and one context switch, the weight of the smallest race. */
const SMALLEST_RACE = 2 * 100 + 1;
/** One command, the weight of the smallest failure that needs no concurrency (from a seeded start, say). */
const SMALLEST_FAILURE = 1 * 100;

/** As small as a counterexample of its kind can be: a race needs two tasks, other failures one command. */
const smallestPossible = <Command, Outcome>(found: Counterexample<Command, Outcome>): number =>
  found.case.branches.filter((branch) => branch.length > 0).length >= 2 ? SMALLEST_RACE : SMALLEST_FAILURE;

/**
 * Shrinking changes one thing at a time, so it can stop at a local minimum (two preemptions that
 * only help together). A few more independent searches (seeds after the first), keeping the
 * smallest result, get past it; none is needed once the result is as small as a race can be.
 */
export const smallestOf = async <Command, Outcome>(
  first: Counterexample<Command, Outcome>,
  searchFrom: (seed: number) => Promise<Counterexample<Command, Outcome> | undefined>,
): Promise<Counterexample<Command, Outcome>> => {
  let best = first;
  for (let extra = 1; extra <= EXTRA_SEARCHES && weight(best) > smallestPossible(best); extra++) {
    const found = await searchFrom(first.seed + extra);
    if (found !== undefined && weight(found) < weight(best)) best = found;
  }
  return best;
};
