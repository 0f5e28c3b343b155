import type { Execution } from "../execute.js";
import type { DecisionSource } from "../schedule/decision-source.js";
import { DENSE_STEPS, type Preemption, preemptionSource, SPARSE_POINTS } from "../schedule/preemptions.js";
import { uniformSource } from "../schedule/uniform.js";
import type { Case } from "./case.js";

/** `points[task][command]`: the preemption points written down so far. */
type Points = Array<Array<Array<Preemption>>>;

/**
 * A decision source that follows a uniform walk and writes down, decision by decision, the preemption
 * point under which the default schedule decides the same: where the walk switches away from a task
 * that could go on, a point before that task's next step. Where no point can (the walk picks any
 * waiting task after one finishes or blocks, the default the first; a point already there fires
 * again), it takes the default's choice instead. So the run it drives is exactly the run of the
 * points it wrote down: a point is only ever added before a step its task has not yet reached.
 */
const translating = (choices: ReadonlyArray<number>) => {
  const walk = uniformSource(choices);
  const points: Points = [];
  const source: DecisionSource = {
    next(enabled, last, positions) {
      const chosen = walk.next(enabled, last, positions);
      const byDefault = preemptionSource(points).next(enabled, last, positions);
      if (byDefault === chosen) return chosen;
      const current = enabled.includes(last ?? 0) ? (last ?? 0) : undefined;
      const position = current === undefined ? undefined : positions[current];
      if (current === undefined || position === undefined) return byDefault;
      const commandPoints = ((points[current] ??= [])[position.command] ??= []);
      if (commandPoints.some((point) => point.step === position.step)) return byDefault;
      commandPoints.push({ step: position.step, to: enabled.filter((task) => task !== current).indexOf(chosen) });
      return chosen;
    },
  };
  return { source, points };
};

/** Whether the preemption strategy could have generated these points for one command, so fast-check can shrink them. */
const generable = (points: ReadonlyArray<Preemption>): boolean =>
  points.every((point) => point.to <= 1) && (points.length <= SPARSE_POINTS || points.every((point) => point.step < DENSE_STEPS));

/**
 * A failing uniform walk rewritten as preemption points, which shrink towards fewer and earlier
 * switches at a fraction of a walk's cost (fast-check shrinks a walk's 64 choices one at a time).
 * Returns the rewritten case and its run, or undefined when the walk cannot be rewritten (more
 * points than a command can carry) or its rewritten run passes (the walk needed a choice no point
 * expresses): the caller then shrinks the walk itself.
 */
export const walkToPreemptions = async <Command, Outcome>(
  testCase: Case<Command>,
  run: (testCase: Case<Command>, source: DecisionSource) => Promise<Execution<Command, Outcome>>,
): Promise<Case<Command> | undefined> => {
  if (testCase.schedule?.kind !== "uniform") return undefined;
  const translation = translating(testCase.schedule.choices);
  const execution = await run(testCase, translation.source);
  if (execution.failure === undefined) return undefined;
  // Points are kept per busy task (T1, T2…); empty branches are not tasks.
  let busy = -1;
  const branches = testCase.branches.map((branch) => {
    if (branch.length > 0) busy++;
    const task = busy;
    return branch.map((scheduled, command) => ({
      ...scheduled,
      preemptions: [...(translation.points[task]?.[command] ?? [])].sort((a, b) => a.step - b.step),
    }));
  });
  return branches.every((branch) => branch.every((scheduled) => generable(scheduled.preemptions))) ? { prefix: testCase.prefix, branches } : undefined;
};
