import { violatedInvariant } from "../at-rest.js";
import { canonical } from "../canonical.js";
import type { Operation } from "../history.js";
import { checkLinearizable, type TimedOperation } from "../linearizability.js";
import type { Scenario } from "../reference-model.js";
import type { EventualFailure } from "./failure.js";
import type { EventualSnapshot } from "./port.js";

/** A request of the run: its operation in the history (completed when it settled). */
export interface RequestRecord<Command, Outcome> {
  readonly id: string;
  readonly operation: Operation<Command, Outcome>;
  /** Requested alone and settled before the next: its final outcome must be the model's, refusal or not. */
  readonly exact: boolean;
}

/** Refusals of concurrent requests, and how many of them no order of the successes explains. */
export interface Refusals {
  readonly refused: number;
  readonly spurious: number;
}

export interface EventualJudgement {
  readonly failure: EventualFailure | undefined;
  readonly undecided: boolean;
  readonly refusals: Refusals;
}

const none: Refusals = { refused: 0, spurious: 0 };

/**
 * The judgement at rest (SPEC E 3–5): every request has a final outcome, nothing is held, every
 * invariant holds, and the stored state is the model's after the successful requests (with the
 * requests made one at a time, refusals included) in an order that respects real time, from
 * invocation to settlement, in which each gets the outcome it got. Refusals of concurrent requests
 * are not judged: those that no such order explains are counted as spurious (the design's price).
 */
export const judgeEventually = <Config, State, Command, Outcome, Snapshot>(
  scenario: Scenario<Config, State, Command, Outcome, Snapshot>,
  snapshot: EventualSnapshot<Snapshot>,
  requests: ReadonlyArray<RequestRecord<Command, Outcome>>,
  succeeded: (outcome: Outcome) => boolean,
  budget: number,
  at: number,
): EventualJudgement => {
  const unsettled = requests.filter((request) => request.operation.completedAt === undefined);
  if (unsettled.length > 0)
    return { failure: { kind: "unsettled", requests: unsettled.map((request) => request.operation.text) }, undecided: false, refusals: none };
  if (snapshot.inFlight.length > 0) return { failure: { kind: "held-at-rest", held: snapshot.inFlight }, undecided: false, refusals: none };
  const { model, config } = scenario;
  const violated = violatedInvariant(model.invariants, config, snapshot.state, "at-rest", at);
  if (violated !== undefined) return { failure: violated, undecided: false, refusals: none };
  const judged = requests.filter((request) => request.exact || succeeded(request.operation.outcome as Outcome));
  const stored = canonical(snapshot.state);
  const result = checkLinearizable(
    judged.map((request) => request.operation),
    {
      initial: model.initial(config),
      step: (state, command) => model.step(state, command, config),
      accept: (state) => canonical(model.normalize(model.observe(state))) === stored,
    },
    budget,
  );
  switch (result.kind) {
    case "unknown":
      return { failure: undefined, undecided: true, refusals: none };
    case "not-linearizable":
      return { failure: { kind: "not-linearizable", unexplained: result.unexplained }, undecided: false, refusals: none };
    case "state-not-explained":
      return {
        failure: {
          kind: "state-not-explained",
          observed: snapshot.state,
          expected: result.modelStates.map((state) => model.normalize(model.observe(state))),
          at,
        },
        undecided: false,
        refusals: none,
      };
    case "linearizable": {
      const order = result.order.map((id) => requests.find((request) => request.operation.id === id)?.operation).filter((operation) => operation !== undefined);
      const refused = requests.filter((request) => !request.exact && !succeeded(request.operation.outcome as Outcome));
      const step = (state: State, command: Command) => model.step(state, command, config);
      const spurious = refused.filter((request) => !explainedAmong(order, request.operation, model.initial(config), step)).length;
      return { failure: undefined, undecided: false, refusals: { refused: refused.length, spurious } };
    }
  }
};

/**
 * Whether the refusal could have been the model's answer at some place in the explaining order that
 * respects real time. One order is tried, not every one: a refusal counted spurious might be
 * explained by another order of the successes, so the count is an upper bound.
 */
const explainedAmong = <State, Command, Outcome>(
  order: ReadonlyArray<TimedOperation<Command, Outcome>>,
  refusal: TimedOperation<Command, Outcome>,
  initial: State,
  step: (state: State, command: Command) => { readonly outcome: Outcome; readonly state: State },
): boolean => {
  const settledAt = refusal.completedAt ?? Infinity;
  let state = initial;
  for (let place = 0; place <= order.length; place++) {
    const before = order.slice(0, place);
    const after = order.slice(place);
    const fits =
      before.every((operation) => operation.invokedAt < settledAt) && after.every((operation) => (operation.completedAt ?? Infinity) > refusal.invokedAt);
    if (fits && canonical(step(state, refusal.command).outcome) === canonical(refusal.outcome)) return true;
    const next = order[place];
    if (next !== undefined) state = step(state, next.command).state;
  }
  return false;
};
