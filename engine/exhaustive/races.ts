import type { TimelineEvent } from "../history.js";
import { branchName } from "../program.js";
import { type HistoryEffect, independent, type Transition } from "./independence.js";

/** One step of an execution's concurrent phase: a transition, and the decision that chose it (-1: forced, no other task could move). */
export interface StepEvent extends Transition {
  readonly node: number;
  /** Filled in from the timeline once the execution is over. */
  effect?: HistoryEffect;
}

/**
 * Two dependent steps of different tasks, `first` before the other, with no step ordered between
 * them: the other order is a different execution. `initials`: the tasks that can start it from the
 * state before `first` (their next step there is ordered after nothing else the reversal needs).
 */
export interface Race {
  readonly first: number;
  readonly initials: ReadonlyArray<number>;
}

const dependent = (a: Transition, b: Transition): boolean => a.task === b.task || !independent(a, b);

/**
 * Every race of an execution, with the initials of its reversal: notdep(e, E)·e′ in the source-set
 * algorithm, the steps after `first` that do not depend on it, followed by the second step. Only
 * races whose second step comes at `from` or later, and whose first step `wanted` accepts, are
 * returned (working out a race's initials costs more than finding it).
 */
export const racesOf = (events: ReadonlyArray<StepEvent>, from = 0, wanted: (first: number) => boolean = () => true): ReadonlyArray<Race> => {
  const count = events.length;
  // before[j][i]: step i happens before step j (program order or dependence, transitively). One buffer: cheap to allocate.
  const before = new Uint8Array(count * count);
  const races: Race[] = [];
  for (let j = 0; j < count; j++) {
    const second = events[j] as StepEvent;
    const row = j * count;
    for (let i = j - 1; i >= 0; i--) {
      if (before[row + i] === 1) continue;
      const first = events[i] as StepEvent;
      if (!dependent(first, second)) continue;
      before[row + i] = 1;
      const earlier = i * count;
      for (let k = 0; k < i; k++) if (before[earlier + k] === 1) before[row + k] = 1;
      if (first.task !== second.task && j >= from && wanted(i)) races.push({ first: i, initials: initials(events, before, i, j) });
    }
  }
  return races;
};

/** The tasks whose first step in notdep(first)·second depends on no earlier step of that sequence. */
const initials = (events: ReadonlyArray<StepEvent>, before: Uint8Array, first: number, second: number): ReadonlyArray<number> => {
  const count = events.length;
  const sequence: number[] = [];
  for (let k = first + 1; k < second; k++) if (before[k * count + first] !== 1) sequence.push(k);
  sequence.push(second);
  const found: number[] = [];
  const seen: number[] = [];
  for (let position = 0; position < sequence.length; position++) {
    const k = sequence[position] as number;
    const task = (events[k] as StepEvent).task;
    if (seen.includes(task)) continue;
    seen.push(task);
    let free = true;
    for (let earlier = 0; earlier < position && free; earlier++) if (before[k * count + (sequence[earlier] as number)] === 1) free = false;
    if (free) found.push(task);
  }
  return found;
};

/**
 * What each step did to the history: whether its task completed or invoked a command before its next
 * step. Read from the timeline, whose last step events are the concurrent phase's; undefined when
 * they do not match the steps the source saw (then no race analysis can be trusted).
 */
export const stepEffects = (timeline: ReadonlyArray<TimelineEvent>, events: ReadonlyArray<StepEvent>): ReadonlyArray<HistoryEffect> | undefined => {
  const steps: number[] = [];
  timeline.forEach((event, index) => {
    if (event.kind === "step") steps.push(index);
  });
  const phase = steps.slice(steps.length - events.length);
  if (phase.length !== events.length) return undefined;
  const effects: HistoryEffect[] = [];
  for (const [index, at] of phase.entries()) {
    const task = branchName((events[index] as StepEvent).task);
    if (timeline[at]?.task !== task) return undefined;
    let completes = false;
    let invokes = false;
    for (let next = at + 1; next < timeline.length; next++) {
      const event = timeline[next] as TimelineEvent;
      if (event.task !== task) continue;
      if (event.kind === "step") break;
      if (event.kind === "complete") completes = true;
      if (event.kind === "invoke") invokes = true;
    }
    effects.push({ completes, invokes });
  }
  return effects;
};
