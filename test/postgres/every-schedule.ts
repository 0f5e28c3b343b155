import { preemptionSource } from "../../engine/schedule/preemptions.js";
import { execute, type Program } from "../../engine/execute.js";
import type { AnyImplementation } from "../../engine/implementation.js";
import type { AnyScenario } from "../../engine/reference-model.js";
import type { Lanes } from "../support/catalogue-matrix.js";

/** Every schedule of two branches of one command each, with at most one preemption each, before any of the first six statements. */
const everySchedule = () => {
  const points = [undefined, 0, 1, 2, 3, 4, 5];
  return points.flatMap((first) => points.map((second) => [first, second].map((step) => [step === undefined ? [] : [{ step, to: 0 }]])));
};

/**
 * Runs `program` (a prefix and two one-command branches) under every schedule {@link everySchedule}
 * lists: per schedule the failure, if any, the branches' outcomes, every statement's answer, and
 * whether a statement waited for the other task's lock (the proof that the race was exercised).
 */
export const underEverySchedule = (inLane: Lanes, scenario: AnyScenario, implementation: AnyImplementation, program: Program<unknown>) =>
  inLane(async (session) => {
    const results = [];
    for (const schedule of everySchedule()) {
      const options = { timeLimitMs: 10_000, beginRun: session.beginRun, ...(session.probe === undefined ? {} : { probe: session.probe }) };
      const execution = await execute(scenario, implementation, program, preemptionSource(schedule), options);
      results.push({
        failure: execution.failure,
        outcomes: execution.history.operations.slice(program.prefix.length).map((operation): unknown => operation.outcome),
        answers: execution.history.timeline.flatMap((event) => (event.kind === "step" ? [event.result ?? ""] : [])),
        waited: execution.history.timeline.some((event) => event.kind === "step" && (event.waitedFor ?? []).length > 0),
      });
    }
    return results;
  });
