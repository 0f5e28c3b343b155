import { canonical } from "./canonical.js";

/** An operation as the checker sees it; `completedAt` absent means it may or may not have happened. */
export interface TimedOperation<Command, Outcome> {
  readonly id: number;
  readonly command: Command;
  readonly invokedAt: number;
  readonly completedAt?: number;
  readonly outcome?: Outcome;
}

export interface SequentialSpecification<State, Command, Outcome> {
  readonly initial: State;
  readonly step: (state: State, command: Command) => { readonly outcome: Outcome; readonly state: State };
  /** A final state is acceptable only if this says so (e.g. it matches what the implementation stored). */
  readonly accept?: (state: State) => boolean;
}

export interface Unexplained {
  readonly operation: number;
  /** What the model answers for this operation in every state in which it could have taken effect. */
  readonly admissible: ReadonlyArray<unknown>;
}

export type LinearizabilityResult<State> =
  | { readonly kind: "linearizable"; readonly order: ReadonlyArray<number>; readonly explored: number }
  | { readonly kind: "not-linearizable"; readonly unexplained: ReadonlyArray<Unexplained>; readonly explored: number }
  /** Every outcome is explained, but no explaining order ends in an accepted state. */
  | { readonly kind: "state-not-explained"; readonly modelStates: ReadonlyArray<State>; readonly explored: number }
  /** The search hit its budget: neither a proof nor a counterexample. */
  | { readonly kind: "unknown"; readonly explored: number };

/** Search states the linearizability check may visit before it answers `unknown`. */
export const DEFAULT_LINEARIZABILITY_BUDGET = 200_000;

/**
 * Decides whether some sequential order of the operations, consistent with real time (an operation
 * that completed before another was invoked comes first), makes the model return every observed
 * outcome. Depth-first search over (operations taken, model state), memoised, as in Wing & Gong with
 * Lowe's state cache. Operations without a completion may be placed anywhere after their invocation,
 * or left out.
 */
export const checkLinearizable = <State, Command, Outcome>(
  operations: ReadonlyArray<TimedOperation<Command, Outcome>>,
  specification: SequentialSpecification<State, Command, Outcome>,
  budget = DEFAULT_LINEARIZABILITY_BUDGET,
): LinearizabilityResult<State> => {
  const count = operations.length;
  const seen = new Set<string>();
  const modelAnswers = new Map<number, Set<string>>();
  const everMatched = new Set<number>();
  const finalStates = new Map<string, State>();
  const order: number[] = [];
  let explored = 0;
  let exhausted = false;

  const mustFinish = operations.filter((operation) => operation.completedAt !== undefined).length;

  const search = (taken: ReadonlySet<number>, state: State, finished: number): boolean => {
    if (finished === mustFinish) {
      if (specification.accept === undefined || specification.accept(state)) return true;
      finalStates.set(canonical(state), state);
    }
    const key = `${[...taken].sort((a, b) => a - b).join(",")}|${canonical(state)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (++explored > budget) {
      exhausted = true;
      return false;
    }
    // An operation may go next only if no other pending one completed before it was invoked.
    let horizon = Infinity;
    for (const operation of operations) {
      if (!taken.has(operation.id) && operation.completedAt !== undefined) horizon = Math.min(horizon, operation.completedAt);
    }
    for (const operation of operations) {
      if (taken.has(operation.id) || operation.invokedAt > horizon) continue;
      const next = specification.step(state, operation.command);
      if (operation.completedAt !== undefined) {
        if (canonical(next.outcome) !== canonical(operation.outcome)) {
          const answers = modelAnswers.get(operation.id) ?? new Set<string>();
          answers.add(canonical(next.outcome));
          modelAnswers.set(operation.id, answers);
          continue;
        }
        everMatched.add(operation.id);
      }
      order.push(operation.id);
      const nextTaken = new Set(taken).add(operation.id);
      if (search(nextTaken, next.state, finished + (operation.completedAt === undefined ? 0 : 1))) return true;
      order.pop();
      if (exhausted) return false;
    }
    return false;
  };

  if (count === 0 || search(new Set(), specification.initial, 0)) return { kind: "linearizable", order: [...order], explored };
  if (exhausted) return { kind: "unknown", explored };
  const unexplained = operations
    .filter((operation) => modelAnswers.has(operation.id) && !everMatched.has(operation.id))
    .map((operation) => ({ operation: operation.id, admissible: [...(modelAnswers.get(operation.id) ?? [])].map((text) => JSON.parse(text) as unknown) }));
  if (unexplained.length > 0) return { kind: "not-linearizable", unexplained, explored };
  if (finalStates.size > 0) return { kind: "state-not-explained", modelStates: [...finalStates.values()], explored };
  // Each outcome is explainable on its own but no single order explains them all together.
  const jointly = operations
    .filter((operation) => operation.completedAt !== undefined)
    .map((operation) => ({ operation: operation.id, admissible: [...(modelAnswers.get(operation.id) ?? [])].map((text) => JSON.parse(text) as unknown) }))
    .filter((entry) => entry.admissible.length > 0);
  return { kind: "not-linearizable", unexplained: jointly, explored };
};
