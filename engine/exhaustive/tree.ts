import type { DecisionSource, TaskPosition } from "../schedule/decision-source.js";
import { effectBetween, type HistoryEffect, independent, positionKey, type Transition } from "./independence.js";

/** How much of a program's decision tree to walk. */
export interface TreeOptions {
  /**
   * Sleep sets: an order of commuting steps already covered is not explored again. Ignored under a
   * preemption bound, where it is unsound (the covering order may need more preemptions than the
   * bound allows, and then neither order is explored).
   */
  readonly reduction: boolean;
  /** At most this many preemptions per execution; undefined: every interleaving. */
  readonly preemptionBound?: number;
}

/** One decision on the current path: what could move there, what was chosen, what is left to try. */
interface Node {
  readonly enabled: ReadonlyArray<number>;
  readonly last: number | undefined;
  readonly positions: ReadonlyArray<TaskPosition>;
  readonly pending: ReadonlyMap<number, Transition>;
  /** Steps asleep on arrival: every execution that starts with one of them is covered elsewhere. */
  readonly sleep: ReadonlyArray<Transition>;
  readonly preemptionsBefore: number;
  chosen: number;
  readonly todo: number[];
  /** Choices already explored from here whose subtrees had no failure: they put later siblings' successors to sleep. */
  readonly explored: Transition[];
  /** What `chosen` did to the history, seen at the next decision. */
  effect: HistoryEffect | undefined;
  /**
   * Some execution below `chosen` stopped at a failure, so its subtree was cut short and cannot
   * vouch for the orders it would have covered: `chosen` will not be a reason to sleep.
   */
  failedBelow: boolean;
}

const preemptionCost = (node: Pick<Node, "last" | "enabled">, task: number): number =>
  node.last !== undefined && node.enabled.includes(node.last) && task !== node.last ? 1 : 0;

/**
 * The decision tree of one program, walked depth first by stateless re-execution (as in CHESS): each
 * execution replays the current path's decisions, then extends it with default choices (the current
 * task goes on, else the first enabled one), recording at each new decision what else could move.
 */
export class DecisionTree {
  private readonly nodes: Node[] = [];
  private readonly reduction: boolean;

  constructor(private readonly options: TreeOptions) {
    this.reduction = options.reduction && options.preemptionBound === undefined;
  }

  /** The decision source of the next execution. */
  source(): PathSource {
    return new PathSource(this.nodes, this.reduction, this.options.preemptionBound);
  }

  /** The decisions of the current path, in order: what replays its execution exactly. */
  decisions(): ReadonlyArray<number> {
    return this.nodes.map((node) => node.chosen);
  }

  /** Moves to the next unexplored path; false once the whole tree is done. */
  backtrack(failed: boolean): boolean {
    if (failed) for (const node of this.nodes) node.failedBelow = true;
    for (let node = this.nodes.at(-1); node !== undefined; node = this.nodes.at(-1)) {
      const next = node.todo.shift();
      if (next !== undefined) {
        const taken = node.pending.get(node.chosen);
        if (!node.failedBelow && taken !== undefined) node.explored.push({ ...taken, ...(node.effect === undefined ? {} : { effect: node.effect }) });
        node.chosen = next;
        node.effect = undefined;
        node.failedBelow = false;
        return true;
      }
      this.nodes.pop();
    }
    return false;
  }
}

/** Replays the tree's current path, then extends it. One per execution. */
export class PathSource implements DecisionSource {
  private depth = 0;
  /** Set when a replayed decision met other enabled tasks than recorded: the design is not deterministic. */
  diverged: string | undefined;
  /** Every enabled step was asleep somewhere on this path: the execution repeats covered orders. */
  redundant = false;
  private readonly replaying: number;

  constructor(
    private readonly nodes: Node[],
    private readonly reduction: boolean,
    private readonly bound: number | undefined,
  ) {
    this.replaying = nodes.length;
  }

  /** After the execution: a run that ended before the end of the path it was to replay diverged too. */
  finish(): void {
    if (this.depth < this.replaying) this.diverged ??= `the run ended after ${this.depth} decisions, before the ${this.replaying} it was to replay`;
  }

  next(enabled: ReadonlyArray<number>, last: number | undefined, positions: ReadonlyArray<TaskPosition>): number {
    const depth = this.depth++;
    const parent = this.nodes[depth - 1];
    if (parent !== undefined && parent.effect === undefined) parent.effect = effectBetween(parent.positions[parent.chosen], positions[parent.chosen]);
    const replayed = this.nodes[depth];
    if (replayed !== undefined) {
      const seen = enabled.map((task) => `${task}@${positionKey(positions[task])}`).join(" ");
      const recorded = replayed.enabled.map((task) => `${task}@${replayed.pending.get(task)?.at ?? "?"}`).join(" ");
      if (seen !== recorded) this.diverged ??= `decision ${depth + 1} found tasks at ${seen}, not ${recorded}`;
      return replayed.chosen;
    }
    const node = this.extend(enabled, last, positions, parent);
    this.nodes.push(node);
    return node.chosen;
  }

  private extend(enabled: ReadonlyArray<number>, last: number | undefined, positions: ReadonlyArray<TaskPosition>, parent: Node | undefined): Node {
    const pending = new Map(enabled.map((task) => [task, { task, at: positionKey(positions[task]), access: positions[task]?.access }] as const));
    const sleep = this.reduction && !this.redundant && parent !== undefined ? carriedSleep(parent, positions) : [];
    const preemptionsBefore = parent === undefined ? 0 : parent.preemptionsBefore + preemptionCost(parent, parent.chosen);
    const base = { enabled, last };
    const awake = enabled.filter((task) => !sleep.some((asleep) => asleep.task === task));
    const bound = this.bound;
    const candidates = bound === undefined ? awake : awake.filter((task) => preemptionsBefore + preemptionCost(base, task) <= bound);
    const fallback = last !== undefined && enabled.includes(last) ? last : (enabled[0] as number);
    if (this.redundant || candidates.length === 0) this.redundant = true;
    const chosen = this.redundant ? fallback : candidates.includes(fallback) ? fallback : (candidates[0] as number);
    const todo = this.redundant ? [] : candidates.filter((task) => task !== chosen);
    return { ...base, positions, pending, sleep, preemptionsBefore, chosen, todo, explored: [], effect: undefined, failedBelow: false };
  }
}

/**
 * Sleep(s·t) = { u ∈ Sleep(s) ∪ explored(s) | u independent of t }, keeping only steps whose task is
 * still parked where it was (a task that moved, even by a forced step, has a different next step).
 */
const carriedSleep = (parent: Node, positions: ReadonlyArray<TaskPosition>): ReadonlyArray<Transition> => {
  const pending = parent.pending.get(parent.chosen);
  if (pending === undefined) return [];
  const taken: Transition = { ...pending, ...(parent.effect === undefined ? {} : { effect: parent.effect }) };
  return [...parent.sleep, ...parent.explored].filter((asleep) => {
    const now = positions[asleep.task];
    return now?.state === "parked" && positionKey(now) === asleep.at && independent(asleep, taken);
  });
};
