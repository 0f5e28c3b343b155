import { match } from "ts-pattern";
import type { Failure } from "../failure.js";
import type { History } from "../history.js";
import { show } from "../step.js";

const within = (command: string | undefined): string => (command === undefined ? "" : ` in ${command}`);

/** One line saying what broke, the headline of a failure report. */
export const headline = (failure: Failure): string =>
  match(failure)
    .with({ kind: "invariant" }, ({ invariant, when }) => `invariant "${invariant}" broken${when === "always" ? " while commands were in flight" : ""}`)
    .with({ kind: "not-linearizable" }, () => "outcomes that no sequential order of the model explains (not linearizable)")
    .with({ kind: "state-not-explained" }, () => "every outcome is explainable, but the stored state is not: an update was lost or half applied")
    .with(
      { kind: "malformed-outcome" },
      ({ task, command }) => `the implementation answered ${command} in task ${task} with an outcome outside the scenario's set`,
    )
    .with(
      { kind: "threw" },
      ({ task, command }) =>
        `the implementation threw in ${task === "setup" || task === "snapshot" ? task : `task ${task}`}${command === undefined ? "" : ` running ${command}`}`,
    )
    .with({ kind: "malformed-snapshot" }, () => "the implementation's snapshot does not have the scenario's shape")
    .with({ kind: "hung" }, ({ limitMs }) => `the run did not finish within its ${limitMs} ms limit`)
    .with(
      { kind: "deadlock" },
      ({ waits }) => `deadlock: every task waits for a lock another one holds (${[...waits.map((wait) => wait.task), waits.at(-1)?.heldBy ?? ""].join(" → ")})`,
    )
    .with(
      { kind: "unseen-wait" },
      ({ tasks }) =>
        `task ${tasks.map((task) => task.task).join(", ")} awaited something the harness cannot see — use lock() for mutual exclusion, step() for every other await`,
    )
    .with({ kind: "does-not-settle" }, ({ steps }) => `does not settle: still busy after ${steps} steps of the settle phase`)
    .with(
      { kind: "unsettled" },
      ({ requests }) =>
        `${requests.length === 1 ? "a request never ends" : "requests never end"}: nothing is left to deliver, but no final outcome was reported`,
    )
    .with({ kind: "held-at-rest" }, () => "does not settle clean: something is still held at rest")
    .with({ kind: "settled-twice" }, ({ request }) => `request ${request} got two final outcomes`)
    .with({ kind: "bad-settlement" }, ({ request }) => `the design settled ${request} wrongly`)
    .exhaustive();

/** An outcome that no order of the model explains, beside the outcomes the model admits for that command there. */
export interface UnexplainedOutcome {
  /** The operation's id in the history, which its `◀` event in the timeline names. */
  readonly operation: number;
  readonly task: string;
  readonly command: string;
  readonly observed: string;
  readonly admissible: ReadonlyArray<string>;
}

/** A not-linearizable failure's evidence, one entry per outcome it could not explain; none for any other failure. */
export const unexplainedOutcomes = <Command, Outcome>(failure: Failure, history: History<Command, Outcome>): ReadonlyArray<UnexplainedOutcome> =>
  failure.kind !== "not-linearizable"
    ? []
    : failure.unexplained.map(({ operation, admissible }) => {
        const op = history.operations[operation];
        return {
          operation,
          task: op?.task ?? "?",
          command: op?.text ?? "?",
          observed: op === undefined ? "?" : show(op.outcome),
          admissible: admissible.map((outcome) => show(outcome)),
        };
      });

/** The stored state no order of the model explains, beside (at most three of) the states the model expects. */
export interface StoredState {
  readonly stored: string;
  readonly expected: ReadonlyArray<string>;
}

// JSON.stringify gives undefined (not a string) for undefined; reports print "undefined".
const json = (value: unknown): string => String(JSON.stringify(value));

export const storedState = (failure: Failure): StoredState | undefined =>
  failure.kind !== "state-not-explained" ? undefined : { stored: json(failure.observed), expected: failure.expected.slice(0, 3).map(json) };

/** The evidence below the headline: observed against admissible outcomes, violations, stuck tasks. */
export const details = <Command, Outcome>(failure: Failure, history: History<Command, Outcome>): ReadonlyArray<string> =>
  match(failure)
    .with({ kind: "invariant" }, ({ violations }) => violations.map((violation) => `- ${violation}`))
    .with({ kind: "not-linearizable" }, () =>
      unexplainedOutcomes(failure, history).map(
        ({ task, command, observed, admissible }) =>
          `- ${task} ${command} observed ${observed}; the model admits ${admissible.length === 0 ? "nothing here" : admissible.join(" or ")}`,
      ),
    )
    .with({ kind: "state-not-explained" }, () => {
      const { stored, expected } = storedState(failure) ?? { stored: "", expected: [] };
      return [`- stored:          ${stored}`, ...expected.map((state, index) => `- ${index === 0 ? "model expects:   " : "             or: "}${state}`)];
    })
    .with({ kind: "malformed-outcome" }, ({ value, message }) => [`- answered ${value}: ${message}`])
    .with({ kind: "threw" }, ({ message }) => [`- ${message}`])
    .with({ kind: "malformed-snapshot" }, ({ value, message }) => [`- snapshot ${value}: ${message}`])
    .with({ kind: "hung" }, ({ tasks }) =>
      tasks.map(({ task, command, state, label }) =>
        state === "parked"
          ? `- ${task} parked at "${label}"${within(command)}`
          : state === "blocked"
            ? `- ${task} blocked at "${label}"${within(command)}`
            : `- ${task} still running after "${label}"${within(command)} (it awaited something other than step())`,
      ),
    )
    .with({ kind: "deadlock" }, ({ waits }) =>
      waits.map(
        ({ task, command, key, heldBy }) =>
          `- ${task}${within(command)} waits for lock "${key}", held by ${heldBy}${waits.some((wait) => wait.task === heldBy) ? "" : " (it finished without releasing it)"}`,
      ),
    )
    .with({ kind: "unseen-wait" }, ({ tasks }) =>
      tasks.map(
        ({ task, command, label }) =>
          `- ${task} still running after "${label}"${within(command)}, with nothing in flight that could wake it (a promise mutex of its own?)`,
      ),
    )
    .with({ kind: "does-not-settle" }, ({ pending }) => pending.map((item) => `- still pending: ${item}`))
    .with({ kind: "unsettled" }, ({ requests }) => requests.map((request) => `- ${request}: requested, never settled`))
    .with({ kind: "held-at-rest" }, ({ held }) => held.map((item) => `- ${item}`))
    .with({ kind: "settled-twice" }, ({ first, second }) => [`- first ${first}, then ${second}`])
    .with({ kind: "bad-settlement" }, ({ message }) => [`- ${message}`])
    .exhaustive();
