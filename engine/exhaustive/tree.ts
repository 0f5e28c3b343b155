import type { TimelineEvent } from "../history.js";
import type { DecisionSource, TaskPosition } from "../schedule/decision-source.js";
import { effectBetween, type HistoryEffect, independent, positionKey, type Transition } from "./independence.js";
import { type Race, racesOf, type StepEvent, stepEffects } from "./races.js";

/** How much of a program's decision tree to walk. */
export interface TreeOptions {
  /**
   * Source-set DPOR with sleep sets: at each decision only the tasks that reverse a race seen in an
   * explored execution are tried, and an order of commuting steps already covered is not explored
   * again. Ignored under a preemption bound, where it is unsound (the covering order may need more
   * preemptions than the bound allows, and then neither order is explored).
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
  /** The tasks that may be tried here: enabled, awake, within the bound. */
  readonly candidates: ReadonlyArray<number>;
  /** Tasks chosen here so far, the current one included. */
  readonly tried: Set<number>;
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
  private current: PathSource | undefined;

  constructor(private readonly options: TreeOptions) {
    this.reduction = options.reduction && options.preemptionBound === undefined;
  }

  /** The decision source of the next execution. */
  source(): PathSource {
    this.current = new PathSource(this.nodes, this.reduction, this.options.preemptionBound);
    return this.current;
  }

  /** The decisions of the current path, in order: what replays its execution exactly. */
  decisions(): ReadonlyArray<number> {
    return this.nodes.map((node) => node.chosen);
  }

  /** Moves to the next unexplored path; false once the whole tree is done. */
  backtrack(failed: boolean): boolean {
    if (failed) for (const node of this.nodes) node.failedBelow = true;
    if (this.reduction) this.reverseRaces(failed);
    for (let node = this.nodes.at(-1); node !== undefined; node = this.nodes.at(-1)) {
      const next = node.todo.shift();
      if (next !== undefined) {
        const taken = node.pending.get(node.chosen);
        if (!node.failedBelow && taken !== undefined) node.explored.push({ ...taken, ...(node.effect === undefined ? {} : { effect: node.effect }) });
        node.chosen = next;
        node.tried.add(next);
        node.effect = undefined;
        node.failedBelow = false;
        return true;
      }
      this.nodes.pop();
    }
    return false;
  }

  /**
   * Source-set DPOR (Abdulla, Aronis, Jonsson and Sagonas, POPL 2014): for every race of the last
   * execution (two dependent steps of different tasks with no step ordered between them), makes sure
   * the decision before the first step tries some task that can start the reversed order. An
   * execution cut short by a failure, or whose steps were not all seen, cannot vouch for the orders
   * it did not reach: then every decision on its path tries every task, as plain sleep sets do.
   */
  private reverseRaces(failed: boolean): void {
    const events = this.current?.explored();
    if (failed || events === undefined) {
      for (const node of this.nodes) for (const task of node.candidates) this.schedule(node, task);
      return;
    }
    // Races between replayed steps were reversed after an earlier execution: only those ending in a new step are new.
    // A decision that already tries every task it can gains nothing from another race.
    const open = (first: number) => {
      const node = this.nodeBefore(events, first);
      return node !== undefined && node.candidates.some((task) => !node.tried.has(task) && !node.todo.includes(task));
    };
    for (const race of racesOf(events, this.current?.firstNew ?? 0, open)) this.reverse(events, race);
  }

  /** The decision that chose step `first`; for a forced step, the last real choice before it, where its reversal belongs. */
  private nodeBefore(events: ReadonlyArray<StepEvent>, first: number): Node | undefined {
    for (let index = first; index >= 0; index--) {
      const node = (events[index] as StepEvent).node;
      if (node >= 0) return this.nodes[node];
    }
    return undefined;
  }

  private reverse(events: ReadonlyArray<StepEvent>, { first, initials }: Race): void {
    const decision = events[first]?.node;
    const node = this.nodeBefore(events, first);
    if (decision === undefined || node === undefined) return;
    if (decision < 0) {
      for (const task of node.candidates) this.schedule(node, task);
      return;
    }
    if (initials.some((task) => node.tried.has(task) || node.todo.includes(task))) return;
    const awake = initials.find((task) => node.candidates.includes(task));
    if (awake !== undefined) this.schedule(node, awake);
    // Offered but asleep: an equivalent order was explored from here already.
    else if (!initials.some((task) => node.enabled.includes(task))) for (const task of node.candidates) this.schedule(node, task);
  }

  private schedule(node: Node, task: number): void {
    if (!node.tried.has(task) && !node.todo.includes(task)) node.todo.push(task);
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
  /** Every step of the concurrent phase in order, decided or forced. */
  private readonly events: StepEvent[] = [];
  /** Steps from here on ran after the execution became redundant: no race among them counts. */
  private redundantFrom: number | undefined;
  /** The steps' effects on the history, read from the timeline; undefined when it does not match the steps. */
  private effects: ReadonlyArray<HistoryEffect> | undefined;
  /** The first step that differs from the previous execution's: the one the last replayed decision now chooses. */
  firstNew = 0;

  constructor(
    private readonly nodes: Node[],
    private readonly reduction: boolean,
    private readonly bound: number | undefined,
  ) {
    this.replaying = nodes.length;
  }

  /** Only a reducing search looks at what steps declare. */
  get readsAccess(): boolean {
    return this.reduction;
  }

  /** After the execution: a run that ended before the end of the path it was to replay diverged too. */
  finish(timeline?: ReadonlyArray<TimelineEvent>): void {
    if (this.depth < this.replaying) this.diverged ??= `the run ended after ${this.depth} decisions, before the ${this.replaying} it was to replay`;
    if (timeline !== undefined) this.effects = stepEffects(timeline, this.events);
  }

  /** The steps this execution explored (up to where it became redundant), with their effects; undefined if unknown. */
  explored(): ReadonlyArray<StepEvent> | undefined {
    const effects = this.effects;
    if (effects === undefined) return undefined;
    this.events.forEach((event, index) => (event.effect = effects[index]));
    return this.events.slice(0, this.redundantFrom);
  }

  /** Phases of one task (the starting state, the prefix) have no races and are not reported: only the concurrent phase is followed. */
  forced(task: number, position: TaskPosition): void {
    this.record(task, position, -1);
  }

  private record(task: number, position: TaskPosition | undefined, node: number): void {
    this.events.push({ task, at: positionKey(position), access: position?.access, node });
  }

  next(enabled: ReadonlyArray<number>, last: number | undefined, positions: ReadonlyArray<TaskPosition>): number {
    const depth = this.depth++;
    const parent = this.nodes[depth - 1];
    if (parent !== undefined && parent.effect === undefined) parent.effect = effectBetween(parent.positions[parent.chosen], positions[parent.chosen]);
    const replayed = this.nodes[depth];
    if (replayed !== undefined) {
      if (!sameTasks(enabled, positions, replayed)) {
        const seen = enabled.map((task) => `${task}@${positionKey(positions[task])}`).join(" ");
        const recorded = replayed.enabled.map((task) => `${task}@${replayed.pending.get(task)?.at ?? "?"}`).join(" ");
        this.diverged ??= `decision ${depth + 1} found tasks at ${seen}, not ${recorded}`;
      }
      if (depth === this.replaying - 1) this.firstNew = this.events.length;
      this.record(replayed.chosen, positions[replayed.chosen], depth);
      return replayed.chosen;
    }
    const wasRedundant = this.redundant;
    const node = this.extend(enabled, last, positions, parent);
    if (this.redundant && !wasRedundant) this.redundantFrom = this.events.length;
    this.nodes.push(node);
    this.record(node.chosen, positions[node.chosen], depth);
    return node.chosen;
  }

  private extend(enabled: ReadonlyArray<number>, last: number | undefined, positions: ReadonlyArray<TaskPosition>, parent: Node | undefined): Node {
    const pending = new Map<number, Transition>();
    for (const task of enabled) pending.set(task, { task, at: positionKey(positions[task]), access: positions[task]?.access });
    const sleep = this.reduction && !this.redundant && parent !== undefined ? carriedSleep(parent, positions) : [];
    const preemptionsBefore = parent === undefined ? 0 : parent.preemptionsBefore + preemptionCost(parent, parent.chosen);
    const awake = sleep.length === 0 ? enabled : enabled.filter((task) => !sleep.some((asleep) => asleep.task === task));
    const bound = this.bound;
    const candidates = bound === undefined ? awake : awake.filter((task) => preemptionsBefore + preemptionCost({ enabled, last }, task) <= bound);
    const fallback = last !== undefined && enabled.includes(last) ? last : (enabled[0] as number);
    if (this.redundant || candidates.length === 0) this.redundant = true;
    const chosen = this.redundant ? fallback : candidates.includes(fallback) ? fallback : (candidates[0] as number);
    // With reduction, races found later decide which other tasks to try here; without it, all of them.
    const todo = this.redundant || this.reduction ? [] : candidates.filter((task) => task !== chosen);
    // Written out whole rather than spread from parts: one is made at every new decision of a proof.
    return {
      enabled,
      last,
      positions,
      pending,
      sleep,
      preemptionsBefore,
      chosen,
      candidates: this.redundant ? [] : candidates,
      tried: new Set([chosen]),
      todo,
      explored: [],
      effect: undefined,
      failedBelow: false,
    };
  }
}

/** A replayed decision meets the tasks it recorded, each at the step it recorded. */
const sameTasks = (enabled: ReadonlyArray<number>, positions: ReadonlyArray<TaskPosition>, node: Node): boolean =>
  enabled.length === node.enabled.length &&
  enabled.every((task, index) => task === node.enabled[index] && node.pending.get(task)?.at === positionKey(positions[task]));

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
