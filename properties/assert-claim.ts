import { DEFAULT_STRATEGY } from "../engine/schedule/strategies.js";
import type { BackendSession } from "../engine/backend.js";
import type { Verdict } from "../engine/random/check.js";
import type { AnyImplementation } from "../engine/implementation.js";
import { verdictReport } from "../engine/report/verdict-text.js";
import type { Strategy } from "../engine/schedule/strategy.js";
import type { AnyFamily } from "./define-family.js";
import type { EventualVerdict } from "../engine/eventual/check.js";
import type { AnyEventualImplementation } from "../engine/eventual/port.js";
import { assertEventually, isEventualDesign } from "./eventual/assert-eventually.js";
import { backendOf, type ClaimCheckOptions, claimChecks, familyOfImplementation, unseenStepsWarning, verifyObserved } from "./verify.js";

export interface AssertClaimOptions extends ClaimCheckOptions {
  /** The design's family when it is not built in: a team's own, made with `defineFamily` (with its `successes` for an eventually-consistent design). */
  readonly family?: AnyFamily;
  /** Random runs per check; default: the backend's (2000 in memory, 200 on PostgreSQL and MariaDB). */
  readonly numRuns?: number;
  readonly seed?: number;
  /** How concurrent runs interleave; default `preemptions`. */
  readonly strategy?: Strategy;
  /** Per-run limit in milliseconds; a run that exceeds it is reported as hung. Default: the backend's. */
  readonly timeLimitMs?: number;
  /** Search states one run's linearizability check may visit before the run counts as undecided. */
  readonly linearizabilityBudget?: number;
  /** Receives the warning for a check that passed without the design ever calling `step()`; default `console.warn`. */
  readonly onWarning?: (text: string) => void;
}

/**
 * The call that repeats a verdict's check exactly: for a counterexample, straight to its shrunk case;
 * otherwise with the number of runs and the limits that decided it, which the seed alone does not repeat.
 */
export const assertClaimReplay = (verdict: Verdict, options: Pick<AssertClaimOptions, "strategy" | "linearizabilityBudget" | "family"> = {}): string => {
  const example = verdict.counterexample;
  const { strategy, linearizabilityBudget } = options;
  const settings = [
    // Like `design`, `family` stands for the caller's own value: the family handed in.
    ...(options.family !== undefined ? ["family"] : []),
    `scenarios: [${JSON.stringify(verdict.scenario)}]`,
    `modes: [${JSON.stringify(verdict.mode)}]`,
    ...(example === undefined ? [`numRuns: ${verdict.runs}`] : []),
    `seed: ${example?.seed ?? verdict.seed}`,
    ...(example === undefined ? [] : [`path: ${JSON.stringify(example.path)}`]),
    ...(strategy === undefined || strategy === DEFAULT_STRATEGY ? [] : [`strategy: ${JSON.stringify(strategy)}`]),
    ...(example === undefined && linearizabilityBudget !== undefined ? [`linearizabilityBudget: ${linearizabilityBudget}`] : []),
  ];
  return `assertClaim(design, { ${settings.join(", ")} })`;
};

/**
 * Verifies a team's implementation on every scenario of its family (a built-in one, or the team's
 * own handed in as `family`) and throws, with the full counterexample report and the call that
 * replays it, unless every check passes. Meant for a test in the team's own suite: `test("our design keeps its invariant", () => assertClaim(ourDesign))`.
 * A concurrent check that passes although the design never called `step()` gets a warning: the
 * harness could not interleave anything, so the pass says nothing about races.
 */
export async function assertClaim(implementation: AnyImplementation, options?: AssertClaimOptions): Promise<ReadonlyArray<Verdict>>;
/** An eventually-consistent design: random mode with faults on every scenario of its family (`strategy` and the linearizability budget do not apply). */
export async function assertClaim(implementation: AnyEventualImplementation, options?: AssertClaimOptions): Promise<ReadonlyArray<EventualVerdict>>;
export async function assertClaim(
  implementation: AnyImplementation | AnyEventualImplementation,
  options: AssertClaimOptions = {},
): Promise<ReadonlyArray<Verdict> | ReadonlyArray<EventualVerdict>> {
  if (isEventualDesign(implementation)) return assertEventually(implementation, options);
  const session = await backendOf(implementation).start();
  try {
    return await assertClaimOn(session, implementation, options);
  } finally {
    await session.stop();
  }
}

/** {@link assertClaim} of a linearizable design on a session of its backend that the caller started (and stops). */
export const assertClaimOn = async (
  session: BackendSession,
  implementation: AnyImplementation,
  options: AssertClaimOptions = {},
): Promise<ReadonlyArray<Verdict>> => {
  const family = familyOfImplementation(implementation, options.family);
  const { scenarios, modes } = claimChecks(implementation, family, options);
  const warn = options.onWarning ?? ((text: string) => console.warn(`invariant-lab: ${text}`));
  const { numRuns, seed, path, strategy, timeLimitMs, linearizabilityBudget } = options;
  const run = { numRuns, seed, path, strategy, timeLimitMs, linearizabilityBudget };
  const verdicts: Verdict[] = [];
  for (const scenario of scenarios) {
    for (const mode of modes) {
      const observed = await verifyObserved(scenario, implementation, session, { ...run, mode, family });
      const { verdict } = observed;
      if (verdict.status !== "passed") {
        const replay = assertClaimReplay(verdict, options);
        // An undecided check has no counterexample to draw; its seed still repeats it.
        const report = verdict.counterexample === undefined ? `${verdictReport(verdict, replay)}\n  replay: ${replay}` : verdictReport(verdict, replay);
        throw new Error(`${implementation.name} does not keep its claim (${implementation.claim}):\n${report}`);
      }
      const warning = unseenStepsWarning(observed);
      if (warning !== undefined) warn(warning);
      verdicts.push(verdict);
    }
  }
  return verdicts;
};
