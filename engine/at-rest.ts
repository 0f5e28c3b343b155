import { canonical } from "./canonical.js";
import type { Failure } from "./failure.js";
import type { History } from "./history.js";
import { checkLinearizable, DEFAULT_LINEARIZABILITY_BUDGET } from "./linearizability.js";
import type { Invariant, Scenario } from "./reference-model.js";

/** When an invariant is checked: at a decision with commands in flight, or with none. */
export type CheckPoint = "always" | "at-rest";

/**
 * The first invariant the snapshot breaks, or undefined. At a decision (`always`) only the
 * invariants that must hold mid-command are asked; at rest, every one. `at` is the logical time.
 */
export const violatedInvariant = <Config, Snapshot>(
  invariants: ReadonlyArray<Invariant<Config, Snapshot>>,
  config: Config,
  snapshot: Snapshot,
  when: CheckPoint,
  at: number,
): Failure | undefined => {
  for (const invariant of invariants) {
    if (when === "always" && invariant.when !== "always") continue;
    const violations = invariant.violations(snapshot, config);
    if (violations.length > 0) return { kind: "invariant", invariant: invariant.name, when, violations, at };
  }
  return undefined;
};

/** What the check at rest concluded: a failure, or none; `undecided` when linearizability hit its budget. */
export interface AtRestJudgement {
  readonly failure: Failure | undefined;
  /** The linearizability search ran out of budget: neither a pass nor a failure. */
  readonly undecided: boolean;
}

/**
 * The judgement when no command is in flight: every invariant must hold on the stored state, and some
 * order of the history's operations that respects real time must make the model return every
 * observed outcome and end in exactly the stored state.
 *
 * `snapshot` is the implementation's state as decoded and normalized (`model.normalize`); the history
 * must hold only completed or abandoned operations. Pure: the same inputs give the same judgement.
 *
 * @example
 * const { failure } = judgeAtRest(scenario, scenario.model.normalize(await instance.snapshot()), history);
 */
export const judgeAtRest = <Config, State, Command, Outcome, Snapshot>(
  scenario: Scenario<Config, State, Command, Outcome, Snapshot>,
  snapshot: Snapshot,
  history: Pick<History<Command, Outcome>, "operations" | "timeline">,
  linearizabilityBudget: number = DEFAULT_LINEARIZABILITY_BUDGET,
): AtRestJudgement => {
  const at = history.timeline.length;
  const violated = violatedInvariant(scenario.model.invariants, scenario.config, snapshot, "at-rest", at);
  if (violated !== undefined) return { failure: violated, undecided: false };
  const { model, config } = scenario;
  const stored = canonical(snapshot);
  const result = checkLinearizable(
    history.operations,
    {
      initial: model.initial(config),
      step: (state, command) => model.step(state, command, config),
      accept: (state) => canonical(model.normalize(model.observe(state))) === stored,
    },
    linearizabilityBudget,
  );
  switch (result.kind) {
    case "linearizable":
      return { failure: undefined, undecided: false };
    case "unknown":
      return { failure: undefined, undecided: true };
    case "not-linearizable":
      return { failure: { kind: "not-linearizable", unexplained: result.unexplained }, undecided: false };
    case "state-not-explained":
      return {
        failure: { kind: "state-not-explained", observed: snapshot, expected: result.modelStates.map((state) => model.normalize(model.observe(state))), at },
        undecided: false,
      };
  }
};
