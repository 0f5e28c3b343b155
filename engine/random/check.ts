import type fc from "fast-check";
import { execute } from "../execute.js";
import { designHeader, type Implementation } from "../implementation.js";
import type { Scenario } from "../reference-model.js";
import { confirmReplay, recordDecisions } from "../schedule/deterministic.js";
import { walksShrinkAsPreemptions } from "../schedule/strategies.js";
import type { RunSettings } from "../settings.js";
import { type Case, caseArbitrary, type Mode, programOf, scheduleOf, startedOnly } from "./case.js";
import { fewestSwitches } from "./fewest-switches.js";
import { shrinkFurther } from "./reshrink.js";
import { caseProperty, RunTally, searchOnce } from "./search.js";
import { smallestOf } from "./smallest.js";
import { walkToPreemptions } from "./walk-to-preemptions.js";
import type { Counterexample, Verdict } from "./verdict.js";

export { type Case, caseArbitrary, type Mode, programOf, scheduleOf, type ScheduledCommand } from "./case.js";
export type { Counterexample, Verdict } from "./verdict.js";

/** Random mode's settings: the mode, and every run setting resolved by `resolveRunSettings`. */
export interface CheckOptions<Command = unknown, Outcome = unknown> extends RunSettings<Command, Outcome> {
  readonly mode: Mode;
}

/**
 * Checks an implementation against its scenario's model with fast-check: random cases, then the
 * smallest failing case fast-check can shrink to, executed once more to draw its timeline (and once
 * under its recorded decisions, to confirm the design replays).
 */
export const check = async <Config, State, Command, Outcome, Snapshot>(
  scenario: Scenario<Config, State, Command, Outcome, Snapshot>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the environment comes with the settings' lease
  implementation: Implementation<Config, Command, Outcome, Snapshot, any>,
  commands: fc.Arbitrary<Command>,
  options: CheckOptions<Command, Outcome>,
): Promise<Verdict<Command, Outcome>> => {
  const started = performance.now();
  const tally = new RunTally<Command, Outcome>();
  const run = (testCase: Case<Command>, source = scheduleOf(testCase)) => execute(scenario, implementation, programOf(testCase), source, options);
  /** A run the engine asks for itself while shrinking: counted in the progress, not offered to `onRun`. */
  const counted = async (testCase: Case<Command>, source = scheduleOf(testCase)) => {
    const execution = await run(testCase, source);
    tally.record(execution);
    options.onProgress?.(tally.runs);
    return execution;
  };
  const property = caseProperty(caseArbitrary(commands, options.mode, options.strategy), run, tally, options);
  // Sequential cases have no schedule: fast-check shrinks them during the search, as it found them.
  const walks = options.mode === "concurrent" && walksShrinkAsPreemptions(options.strategy);
  // A rewritten walk is a preemption case: it is shrunk with `mixed`'s cases, which are either kind.
  const shrinking = walks ? caseProperty(caseArbitrary(commands, options.mode, "mixed"), run, tally, options) : property;

  /** One search; its failure shrunk as far as it goes and confirmed to replay, or as found without shrinking. */
  const search = async (seed: number | undefined, path: string | undefined) => {
    // Where walks are searched, fast-check does not shrink during the search: a failing walk is first
    // rewritten as preemption points, and `shrinkFurther` shrinks whichever case it has from there.
    const details = await searchOnce(property, { ...options, shrink: options.shrink && !walks }, seed, path);
    if (!details.failed || details.counterexample === null) return { details, found: undefined };
    const reported = { seed: details.seed, path: details.counterexamplePath ?? "", runsToFailure: details.numRuns, extraSearch: 0 };
    if (!options.shrink) {
      // The search ended at this case: its run is the last one (unless the run threw instead of failing).
      const execution = tally.lastFailure ?? (await run(details.counterexample[0]));
      return { details, found: { ...reported, case: details.counterexample[0], execution, shrinks: 0 } };
    }
    const translated = walks ? await walkToPreemptions(details.counterexample[0], counted) : undefined;
    let { shrunk, shrinks } = await shrinkFurther(shrinking, translated ?? details.counterexample[0], details.numShrinks, details.seed);
    let recorder = recordDecisions(scheduleOf(shrunk));
    let execution = await run(shrunk, recorder);
    const fewer = await fewestSwitches(shrunk, execution, counted);
    if (fewer !== undefined) {
      ({ shrunk, shrinks } = await shrinkFurther(shrinking, fewer, shrinks, details.seed));
      recorder = recordDecisions(scheduleOf(shrunk));
      execution = await run(shrunk, recorder);
    }
    await confirmReplay(`the counterexample for ${implementation.name} on ${scenario.name}`, execution, recorder.decisions, (source) => run(shrunk, source));
    const started = (task: string) => execution.history.operations.filter((operation) => operation.task === task).length;
    const found: Counterexample<Command, Outcome> = { ...reported, case: startedOnly(shrunk, started), execution, shrinks };
    return { details, found };
  };

  const first = await search(options.seed, options.path);
  const base = {
    scenario: scenario.name,
    implementation: designHeader(implementation),
    mode: options.mode,
    distinctInterleavings: tally.fingerprints.size,
    undecidedRuns: tally.undecidedRuns,
    seed: first.details.seed,
    runs: first.details.numRuns,
  };
  if (first.found === undefined) return { ...base, status: tally.undecidedRuns > 0 ? "unknown" : "passed", durationMs: performance.now() - started };
  const searchMore = options.path === undefined && options.shrink;
  const best = searchMore ? await smallestOf(first.found, async (seed) => (await search(seed, undefined)).found) : first.found;
  // An extra search counts its runs from its own seed; the check's figure is the first search's.
  const counterexample = { ...best, runsToFailure: first.found.runsToFailure, extraSearch: best.seed - first.found.seed };
  return { ...base, status: "violated", durationMs: performance.now() - started, counterexample };
};
