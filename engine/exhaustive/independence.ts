import type { TaskPosition } from "../schedule/decision-source.js";
import type { Access } from "../step.js";

/**
 * What a step did to the history, besides its declared data accesses: the code that runs after a
 * step's action may complete the task's command and invoke its next one. Linearizability compares
 * completions with invocations in real time, so a completion and an invocation never commute.
 */
export interface HistoryEffect {
  readonly completes: boolean;
  readonly invokes: boolean;
}

/** Assumed for a step whose effect was not seen: the worst case, sound but less reduced. */
export const UNKNOWN_EFFECT: HistoryEffect = { completes: true, invokes: true };

/** A step of one task from one state: the task, where it stands, and what it declared. */
export interface Transition {
  readonly task: number;
  /** The task's position when it took (or will take) the step: `command:step`. */
  readonly at: string;
  readonly access: Access | undefined;
  /** Seen once the step ran; undefined until then. */
  readonly effect?: HistoryEffect;
}

/** `command:step`: identifies a task's next step, so that a step asleep is recognised as the same one later. */
export const positionKey = (position: TaskPosition | undefined): string => `${position?.command ?? -1}:${position?.step ?? -1}`;

const covers = (pattern: string, key: string): boolean => pattern === key || (pattern.endsWith("*") && key.startsWith(pattern.slice(0, -1)));

const NONE: ReadonlyArray<string> = [];

const overlap = (left: ReadonlyArray<string> = NONE, right: ReadonlyArray<string> = NONE): boolean =>
  left.some((a) => right.some((b) => covers(a, b) || covers(b, a)));

/** Two declared accesses conflict when one writes what the other reads or writes; undeclared conflicts with all. */
export const conflicts = (a: Access | undefined, b: Access | undefined): boolean => {
  if (a === undefined || b === undefined) return true;
  return overlap(a.writes, b.reads) || overlap(a.writes, b.writes) || overlap(b.writes, a.reads);
};

const ordered = (a: HistoryEffect, b: HistoryEffect): boolean => (a.completes && b.invokes) || (a.invokes && b.completes);

/**
 * Steps of different tasks commute when their data accesses do not conflict and they do not order a
 * completion against an invocation. Steps of one task never commute (program order).
 */
export const independent = (a: Transition, b: Transition): boolean =>
  a.task !== b.task && !conflicts(a.access, b.access) && !ordered(a.effect ?? UNKNOWN_EFFECT, b.effect ?? UNKNOWN_EFFECT);

/**
 * What a step did to the history, read from its task's position before and after it. Only exact
 * when the step was the task's only move in between (no forced steps); otherwise the caller must
 * not rely on it, and a task still running (blocked on a lock) has not finished its step.
 */
export const effectBetween = (before: TaskPosition | undefined, after: TaskPosition | undefined): HistoryEffect => {
  if (before === undefined || after === undefined || after.state === undefined || after.state === "running") return UNKNOWN_EFFECT;
  if (after.state === "done") return { completes: true, invokes: false };
  const next = after.command > before.command;
  return { completes: next, invokes: next };
};
