import { Schema } from "effect";
import { expect } from "vitest";
import type { BackendSession } from "../../engine/backend.js";
import { execute } from "../../engine/execute.js";
import { defineImplementation, type Implementation } from "../../engine/implementation.js";
import type { Scenario } from "../../engine/reference-model.js";
import type { DecisionSource } from "../../engine/schedule/decision-source.js";

/** One Hermitage session's script, sent statement by statement through the gated pool. */
const Transaction = Schema.Struct({ statements: Schema.Array(Schema.String) });
type Transaction = typeof Transaction.Type;

/** Every statement's answer is in the timeline; the model only has to accept that the transaction ran. */
const hermitage: Scenario<null, null, Transaction, "done", object> = {
  name: "hermitage",
  summary: "Hermitage's two-session test sequences",
  config: null,
  model: {
    family: "hermitage",
    command: Transaction,
    outcomeOf: () => Schema.Literal("done"),
    snapshot: Schema.Struct({}),
    normalize: (snapshot) => snapshot,
    initial: () => null,
    step: () => ({ outcome: "done", state: null }),
    observe: () => ({}),
    invariants: [],
    describe: (transaction) => `${transaction.statements.length} statements`,
  },
};

type Sessions<Environment extends object> = Implementation<null, Transaction, "done", object, Environment>;

/**
 * The design under test: one connection per Hermitage session. `create` makes the test table
 * (`id`, `value`: rows 1 => 10 and 2 => 20) and returns what runs one session's script.
 */
export const hermitageSessions = <Environment extends object>(
  backend: string,
  create: (environment: Environment) => Promise<(statements: ReadonlyArray<string>) => Promise<void>>,
): Sessions<Environment> =>
  defineImplementation<null, Transaction, "done", object, Environment>({
    family: "hermitage",
    name: "hermitage-sessions",
    design: "one connection per Hermitage session",
    backend,
    claim: "linearizable",
    async create(environment) {
      const runScript = await create(environment);
      return {
        async execute({ statements }) {
          await runScript(statements);
          return "done";
        },
        snapshot: () => ({}),
      };
    },
  });

export const T1 = 0;
export const T2 = 1;

/** Releases the tasks in the order of `script` (T1 or T2); releases the engine forces count too. */
const scripted = (script: ReadonlyArray<number>): DecisionSource => ({
  next: (enabled, _last, positions) => {
    const wanted = script[positions.reduce((released, position) => released + position.step, 0)] ?? -1;
    return enabled.includes(wanted) ? wanted : (enabled[0] as number);
  },
});

/** One of Hermitage's sequences and what the server must answer to it. */
export interface HermitageCase {
  readonly t1: ReadonlyArray<string>;
  readonly t2: ReadonlyArray<string>;
  /** Which session each release goes to. */
  readonly script: ReadonlyArray<number>;
  /** The timeline: `T2 <statement> → <answer>`, with `⏳ T1` where the statement waited for T1. */
  readonly steps: ReadonlyArray<string>;
  /** The test table once both sessions ended, `1 => 11`; unchecked when absent. */
  readonly table?: ReadonlyArray<string>;
}

/**
 * Runs a case with `sessions` on `session` and checks that nothing failed, the timeline and the
 * table as `readTable` reads it from the server.
 */
export const hermitageCheck =
  <Environment extends object>(
    session: Pick<BackendSession, "beginRun" | "probe">,
    sessions: Sessions<Environment>,
    readTable: () => Promise<ReadonlyArray<{ readonly id: number; readonly value: number }>>,
  ) =>
  async (expected: HermitageCase): Promise<void> => {
    const execution = await execute(
      hermitage,
      sessions,
      { prefix: [], branches: [[{ statements: expected.t1 }], [{ statements: expected.t2 }]] },
      scripted(expected.script),
      { timeLimitMs: 10_000, beginRun: session.beginRun, probe: session.probe },
    );
    const steps = execution.history.timeline.flatMap((event) =>
      event.kind === "step"
        ? [`${event.task} ${event.label} → ${event.result ?? ""}${event.waitedFor === undefined ? "" : ` ⏳ ${event.waitedFor.join(",")}`}`]
        : [],
    );
    expect(execution.failure).toBeUndefined();
    expect(steps).toEqual(expected.steps);
    if (expected.table !== undefined) expect((await readTable()).map(({ id, value }) => `${id} => ${value}`)).toEqual(expected.table);
  };
