import type { BackendSession } from "../engine/backend.js";
import type { Execution } from "../engine/execute.js";
import { engineSearch } from "./engine-search.js";
import { knownBrokenPairs, type Pair, pairsOn, pairTitle } from "./pairs.js";
import type { Progress } from "./progress.js";
import type { ServerBench, ServerScale } from "./server-bench.js";
import { emptyTally, type Tally, tallyRun, timelineDigest } from "./server-run.js";

const SCENARIO = "lamp-socket";
const SEED = 1_000;

/** One search repeated from one seed. */
export interface Repeated {
  readonly pair: Pair;
  readonly correct: boolean;
  readonly seed: number;
  readonly repetitions: number;
  /** Distinct sequences of the engine's fingerprints (the order of every step) across repetitions. */
  readonly distinctInterleavings: number;
  /** Distinct sequences of whole timelines: steps, what each returned, lock waits, outcomes. */
  readonly distinctTimelines: number;
  /** Distinct verdicts of a repetition: `failed at run N` or `passed`. */
  readonly verdicts: ReadonlyArray<string>;
  readonly tally: Tally;
}

/** `numRuns` for the correct design's search: it never fails, so every repetition runs them all. */
const repeat = async (pair: Pair, session: BackendSession, numRuns: number, repetitions: number, progress: Progress): Promise<Repeated> => {
  const step = progress(`${pair.implementation.backend} · determinism · ${pairTitle(pair)} · seed ${SEED}`, repetitions);
  const interleavings = new Set<string>();
  const timelines = new Set<string>();
  const verdicts = new Set<string>();
  const tally = emptyTally();
  for (let repetition = 1; repetition <= repetitions; repetition++) {
    const fingerprints: string[] = [];
    const digests: string[] = [];
    const onRun = (execution: Execution<unknown, unknown>, ms: number) => {
      fingerprints.push(execution.fingerprint);
      digests.push(timelineDigest(execution));
      // Every repetition runs the same cases: the lock waits of one are those of all.
      if (repetition === 1) tallyRun(tally, execution, ms);
    };
    const search = engineSearch({ session, numRuns, shrink: false, onRun });
    const result = await search(pair, SEED);
    interleavings.add(fingerprints.join(","));
    timelines.add(digests.join(","));
    verdicts.add(result.found ? `failed at run ${result.runsToFailure}` : `passed ${result.runsToFailure} runs`);
    step.tick(repetition);
  }
  step.done(
    `${interleavings.size} distinct interleaving sequence(s), ${timelines.size} distinct timeline sequence(s) in ${repetitions} repetitions; ${[...verdicts].join(" / ")}`,
  );
  return {
    pair,
    correct: pair.entry.expected.concurrent === "passed",
    seed: SEED,
    repetitions,
    distinctInterleavings: interleavings.size,
    distinctTimelines: timelines.size,
    verdicts: [...verdicts],
    tally,
  };
};

/**
 * Figure 4: one seed of the catalogue's first known-broken pair on the backend, searched to its
 * first failure, and one seed of its locking design, searched over the scale's correct runs, each
 * as many times as the scale says on the same server. Every repetition must run the same interleavings.
 */
export const measureServerDeterminism = async (
  bench: ServerBench,
  scale: ServerScale,
  session: BackendSession,
  maxRuns: number,
  progress: Progress,
): Promise<ReadonlyArray<Repeated>> => {
  const broken = knownBrokenPairs(bench.backend)[0];
  const locking = pairsOn(bench.backend, (entry) => entry.implementation.name === bench.lockingDesign).find((pair) => pair.scenario.name === SCENARIO);
  const results: Repeated[] = [];
  if (broken !== undefined) results.push(await repeat(broken, session, maxRuns, scale.repetitions, progress));
  if (locking !== undefined) results.push(await repeat(locking, session, scale.correctRuns, scale.repetitions, progress));
  return results;
};
