import { median, share, worst } from "./stats.js";

/** What one seed's search for a known race gave, for the engine or a baseline alike. */
export interface SearchSample {
  readonly seed: number;
  readonly found: boolean;
  /** Random runs up to and including the first failing one (all runs when none failed). */
  readonly runsToFailure: number;
  readonly msToFailure: number | undefined;
  /** Size of the reported counterexample; undefined when nothing was found. */
  readonly commands: number | undefined;
  /** Context switches the counterexample needs; undefined where the search cannot tell (baselines). */
  readonly preemptions: number | undefined;
  /** The whole check: search, shrinking and whatever else the searcher does. */
  readonly totalMs: number;
  /** Every run of the check, shrinking included. */
  readonly totalRuns: number;
  /** What caught the reported counterexample: an invariant's name or a failure kind. */
  readonly caughtBy: string | undefined;
  /** The search itself threw (the bench goes on with the next seed). */
  readonly error?: string;
}

/** How big a counterexample is: what its minimum and its share at the minimum are about. */
export interface Size {
  readonly commands: number;
  readonly preemptions: number | undefined;
}

/** One searcher on one pair, over every seed. */
export interface SearchSummary {
  readonly seeds: number;
  readonly found: number;
  /** Seeds whose search threw instead of answering. */
  readonly errors: number;
  /** Over all seeds; a seed that found nothing counts as Infinity (more runs than it was given). */
  readonly runsMedian: number | undefined;
  readonly runsWorst: number | undefined;
  readonly msMedian: number | undefined;
  readonly msWorst: number | undefined;
  /** The smallest counterexample any seed reached, and the largest one reported. */
  readonly minimum: Size | undefined;
  readonly largest: Size | undefined;
  /** Shares over all seeds (a seed that found nothing counts against them). */
  readonly atMinimum: number | undefined;
  /** The share at the minimum among the seeds that found the race: shrinking alone, without search misses. */
  readonly atMinimumOfFound: number | undefined;
  readonly twoCommands: number | undefined;
  readonly twoCommandsOnePreemption: number | undefined;
  readonly totalMsMedian: number | undefined;
  readonly totalMsWorst: number | undefined;
  readonly totalRunsMedian: number | undefined;
  /** What caught the counterexamples, most frequent first, e.g. `both views agree ×28`. */
  readonly caughtBy: ReadonlyArray<{ readonly name: string; readonly seeds: number }>;
}

/** Two commands and at most one preemption: as small as a race gets. */
export const smallestRace = (size: Size): boolean => size.commands === 2 && size.preemptions !== undefined && size.preemptions <= 1;

/** Commands first, then preemptions: smaller is simpler to read. */
const compare = (a: Size, b: Size): number => a.commands - b.commands || (a.preemptions ?? 0) - (b.preemptions ?? 0);

const sizeOf = (sample: SearchSample): Size | undefined =>
  sample.commands === undefined ? undefined : { commands: sample.commands, preemptions: sample.preemptions };

const tally = (names: ReadonlyArray<string>) => {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].map(([name, seeds]) => ({ name, seeds })).sort((a, b) => b.seeds - a.seeds);
};

/** Medians, worst cases and shares over the seeds of one searcher on one pair. */
export const summarize = (samples: ReadonlyArray<SearchSample>): SearchSummary => {
  const found = samples.filter((sample) => sample.found);
  const sizes = found.flatMap((sample) => sizeOf(sample) ?? []).sort(compare);
  const minimum = sizes[0];
  const at = (test: (size: Size) => boolean, among = samples) =>
    share(among, (sample) => {
      const size = sizeOf(sample);
      return sample.found && size !== undefined && test(size);
    });
  return {
    seeds: samples.length,
    found: found.length,
    errors: samples.filter((sample) => sample.error !== undefined).length,
    runsMedian: median(samples.map((sample) => (sample.found ? sample.runsToFailure : Infinity))),
    runsWorst: worst(samples.map((sample) => (sample.found ? sample.runsToFailure : Infinity))),
    msMedian: median(samples.map((sample) => (sample.found ? (sample.msToFailure ?? Infinity) : Infinity))),
    msWorst: worst(samples.map((sample) => (sample.found ? (sample.msToFailure ?? Infinity) : Infinity))),
    minimum,
    largest: sizes[sizes.length - 1],
    atMinimum: minimum === undefined ? 0 : at((size) => compare(size, minimum) === 0),
    atMinimumOfFound: minimum === undefined ? undefined : at((size) => compare(size, minimum) === 0, found),
    twoCommands: at((size) => size.commands === 2),
    twoCommandsOnePreemption: at(smallestRace),
    totalMsMedian: median(samples.map((sample) => sample.totalMs)),
    totalMsWorst: worst(samples.map((sample) => sample.totalMs)),
    totalRunsMedian: median(samples.map((sample) => sample.totalRuns)),
    caughtBy: tally(found.flatMap((sample) => sample.caughtBy ?? [])),
  };
};

/**
 * Timestamps every run of a search, so that the time to the first failure can be read once the
 * search says which run that was.
 */
export class RunClock {
  private readonly started = performance.now();
  private readonly times: number[] = [];

  /** Records the end of a run; returns the milliseconds since the previous one ended. */
  tick(): number {
    const now = performance.now() - this.started;
    const lap = now - (this.times[this.times.length - 1] ?? 0);
    this.times.push(now);
    return lap;
  }

  /** Milliseconds from the start until run number `run` (from 1) ended. */
  at(run: number): number | undefined {
    return this.times[run - 1];
  }

  /** How many runs ticked so far. */
  runs(): number {
    return this.times.length;
  }

  elapsed(): number {
    return performance.now() - this.started;
  }
}

/**
 * The sample of a baseline search, which fast-check alone shrank: it reports no preemptions, and
 * `commands` is the counterexample's size when one was found.
 */
export const baselineSample = (
  seed: number,
  details: { readonly failed: boolean; readonly numRuns: number },
  clock: RunClock,
  lastFailure: string | undefined,
  commands: number | undefined,
): SearchSample => {
  const found = details.failed && commands !== undefined;
  return {
    seed,
    found,
    runsToFailure: details.numRuns,
    msToFailure: found ? clock.at(details.numRuns) : undefined,
    commands: found ? commands : undefined,
    preemptions: undefined,
    totalMs: clock.elapsed(),
    totalRuns: clock.runs(),
    caughtBy: found ? (lastFailure ?? "threw") : undefined,
  };
};

/** The sample of a search that threw instead of answering: it costs its seed, not the bench. */
export const thrownSample = (seed: number, totalMs: number, error: string): SearchSample => ({
  seed,
  found: false,
  runsToFailure: 0,
  msToFailure: undefined,
  commands: undefined,
  preemptions: undefined,
  totalMs,
  totalRuns: 0,
  caughtBy: undefined,
  error,
});

/**
 * The seeds a bench uses: spread apart, because a check that found a race searches again from the
 * seeds right after its own (up to `EXTRA_SEARCHES` of them) to pick the smallest counterexample.
 */
export const seedList = (count: number): ReadonlyArray<number> => Array.from({ length: count }, (_unused, index) => 1_000 * (index + 1));
