import type { Execution } from "../execute.js";
import type { DecisionSource } from "./decision-source.js";
import { forcedSource } from "./forced.js";

/**
 * The engine's one verdict on a design that does not replay: the same program under the same
 * decisions did something else. `what` says what differed.
 */
export const notDeterministic = (what: string): Error =>
  new Error(`${what}: the implementation is not deterministic under the harness (does it await something other than step()?)`);

/** A decision source that remembers what it chose, as {@link forcedSource} replays it. */
export interface RecordingSource extends DecisionSource {
  /** The task chosen at each decision so far. */
  readonly decisions: ReadonlyArray<number>;
}

/** Wraps any source and records its choices; the run does not change. */
export const recordDecisions = (source: DecisionSource): RecordingSource => {
  const decisions: number[] = [];
  return {
    decisions,
    next(enabled, last, positions) {
      const pick = source.next(enabled, last, positions);
      // The engine takes the first enabled task when a source names another: record what it took.
      decisions.push(enabled.includes(pick) ? pick : (enabled[0] as number));
      return pick;
    },
  };
};

/**
 * Checks that a failing execution is reproducible: it did fail, and running the same program again
 * under its recorded decisions takes the same interleaving (same fingerprint) to the same kind of
 * failure. Wraps whichever strategy produced the decisions, as Shuttle's uncontrolled-nondeterminism
 * check wraps a scheduler; random and exhaustive mode both confirm their counterexample with it.
 * `subject` names the counterexample in the error, e.g. `the counterexample for naive on lamp-socket`.
 */
export const confirmReplay = async <Command, Outcome>(
  subject: string,
  execution: Execution<Command, Outcome>,
  decisions: ReadonlyArray<number>,
  run: (source: DecisionSource) => Promise<Execution<Command, Outcome>>,
): Promise<void> => {
  if (execution.failure === undefined) throw notDeterministic(`${subject} did not fail again when replayed`);
  const again = await run(forcedSource(decisions));
  if (again.failure?.kind !== execution.failure.kind) throw notDeterministic(`${subject} did not fail again when replayed under its recorded decisions`);
  if (again.fingerprint !== execution.fingerprint) throw notDeterministic(`${subject} took another interleaving when replayed under its recorded decisions`);
};
