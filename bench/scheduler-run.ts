import type fc from "fast-check";
import { judgeAtRest } from "../engine/at-rest.js";
import { failureClass } from "../engine/exhaustive/explore-program.js";
import { History, START_TASK } from "../engine/history.js";
import type { AnyImplementation, Implementation, Instance } from "../engine/implementation.js";
import type { AnyScenario, Scenario } from "../engine/reference-model.js";
import { runControlled, type StepHost } from "../engine/step.js";

/**
 * The baselines' adapter: the same implementations, but every `step()` is gated by fast-check's
 * scheduler (`s.schedule(Promise.resolve(label))`, the docs' "gate" recipe) instead of the engine.
 * The scheduler picks uniformly among the pending gates, so its decisions cannot shrink.
 */
const schedulerHost = (scheduler: fc.Scheduler, task: string): StepHost => ({
  task,
  arrive: (label) => scheduler.schedule(Promise.resolve(label), `${task}:${label}`).then(() => undefined),
  record: () => undefined,
});

/** A scenario seen from outside its family: the baselines only pass its values along. */
type OpaqueScenario = Scenario<unknown, unknown, unknown, unknown, unknown>;

/** One live instance and the history of what was asked of it, as the engine records it. */
export interface Recorded {
  readonly scenario: OpaqueScenario;
  readonly instance: Instance<unknown, unknown, unknown>;
  readonly history: History<unknown, unknown>;
}

/** Runs one command and records its invocation and completion on the history's logical clock. */
export const perform = async ({ scenario, instance, history }: Recorded, task: string, command: unknown): Promise<void> => {
  const operation = history.invoke(task, command, scenario.model.describe(command));
  const outcome = await instance.execute(command);
  history.complete(operation, outcome, String(outcome));
};

/** A fresh instance of the design for one baseline run, at the scenario's starting state. */
export const createRecorded = async (scenario: AnyScenario, implementation: AnyImplementation): Promise<Recorded> => {
  const opaque: OpaqueScenario = scenario;
  const design = implementation as Implementation<unknown, unknown, unknown, unknown, object>;
  const recorded: Recorded = { scenario: opaque, instance: await design.create({ config: opaque.config }), history: new History() };
  for (const command of opaque.start?.commands ?? []) await perform(recorded, START_TASK, command);
  return recorded;
};

/** Runs `commands` one after another as a task whose steps the scheduler releases. */
export const gatedTask = (recorded: Recorded, scheduler: fc.Scheduler, task: string, commands: ReadonlyArray<unknown>): Promise<void> =>
  runControlled(schedulerHost(scheduler, task), async () => {
    for (const command of commands) await perform(recorded, task, command);
  });

/**
 * Judges a finished run with the engine's own judgement at rest, so that the baselines and the
 * engine differ only in how they choose interleavings. Returns the failure's class, or undefined.
 * Unlike the engine, it judges only at the end, not at every decision: for the races measured here
 * that is where they show.
 */
export const judge = async ({ scenario, instance, history }: Recorded): Promise<string | undefined> => {
  const snapshot = scenario.model.normalize(await instance.snapshot());
  await instance.dispose?.();
  const { failure } = judgeAtRest(scenario, snapshot, history);
  return failure === undefined ? undefined : failureClass(failure);
};
