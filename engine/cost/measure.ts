import fc from "fast-check";
import { Schema } from "effect";
import type { BackendSession } from "../backend.js";
import { errorText } from "../blame.js";
import { type AnyEventualImplementation, handlesCommand } from "../eventual/port.js";
import type { AnyImplementation } from "../implementation.js";
import type { AnyScenario } from "../reference-model.js";
import { copyDomain, idsIn } from "./copies.js";
import { FreePort } from "./free-port.js";
import { type CommandTally, metered } from "./meter.js";

/** How one design is put under load. */
export interface CostSettings {
  /** Commands in flight at once: each worker issues its next command as soon as the last one answers. */
  readonly workers: number;
  /** Commands in all, shared by the workers. */
  readonly commands: number;
  /** Copies of the scenario's id domain the commands spread over: 1 is one hot spot (see engine/cost/copies.ts). */
  readonly copies: number;
  /** Seeds the commands, so that every design of a scenario gets the same workload. */
  readonly seed: number;
  /** A command that has not answered by then is counted as an error and the measurement ends. */
  readonly commandTimeLimitMs: number;
}

/** What one design cost under one workload. */
export interface CostFigures {
  readonly commands: number;
  readonly seconds: number;
  /** Commands answered per second, refusals included. */
  readonly throughput: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Commands that answered with a refusal (a limit, a conflict, `busy`), when the family says which outcomes succeed. */
  readonly refused: number | undefined;
  /** Commands during which the server rolled back at least one transaction (class-40 SQLSTATE): retried or given up. */
  readonly rolledBack: number;
  /** Transactions rolled back in all (a command that retried twice counts two). */
  readonly rollbacks: number;
  /** Commands that threw, answered outside the model's outcomes, or did not answer in time. */
  readonly errors: number;
  /** The first error, for the report. */
  readonly firstError: string | undefined;
}

class CommandHung extends Error {}

const percentile = (sorted: ReadonlyArray<number>, share: number): number => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;

const withTimeLimit = async <T>(work: Promise<T>, limitMs: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CommandHung(`${what} did not answer within ${limitMs} ms`)), limitMs);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
};

/** A design under load: a linearizable one answers each command; an eventually-consistent one settles each request later. */
export type CostedDesign = AnyImplementation | AnyEventualImplementation;

/** One live copy of a design, answered one command at a time by each caller. */
interface Answering {
  /** A linearizable design's answer, or an eventually-consistent design's final outcome (its latency runs until then). */
  readonly answer: (command: unknown) => Promise<unknown>;
  /** Waits until the messages the requests left behind are delivered (nothing for a linearizable design). */
  readonly drained: () => Promise<void>;
  readonly dispose: () => Promise<void>;
}

const eventual = (design: CostedDesign): design is AnyEventualImplementation => design.claim === "eventually-consistent";

const live = async (design: CostedDesign, context: { readonly config: unknown } & object): Promise<Answering> => {
  if (!eventual(design)) {
    const instance = await design.create(context);
    return { answer: (command) => instance.execute(command), drained: async () => undefined, dispose: async () => instance.dispose?.() };
  }
  const port = new FreePort();
  const instance = await design.create({ ...context, messages: port.port });
  let requests = 0;
  return {
    answer: async (command) => {
      const request = `r${++requests}`;
      const outcome = port.outcome(request);
      // Not awaited before the request is sent: a rejection while it runs must not be left unhandled.
      outcome.catch(() => undefined);
      await instance.request(command, request);
      return outcome;
    },
    drained: () => port.drained(),
    dispose: async () => instance.dispose?.(),
  };
};

/** The commands a design accepts: an eventually-consistent one may name them (`handles`). */
const accepted = (design: CostedDesign, commands: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  eventual(design) && design.handles !== undefined ? commands.filter((command) => handlesCommand(design, command)) : commands;

/**
 * Runs `implementation` under real concurrency: no gate, no chosen interleaving, `workers` commands
 * in flight at once against one instance on `session`, each timed. The workload is drawn from the
 * family's own command generator with `seed`, so designs of one scenario are compared on the same
 * commands; the scenario's starting state is loaded in every copy first. An eventually-consistent
 * design's messages are delivered as fast as the event loop turns ({@link FreePort}), and a command's
 * latency runs from its request to its final outcome.
 */
export const measureCost = async (
  scenario: AnyScenario,
  implementation: CostedDesign,
  commandsOf: (config: unknown) => fc.Arbitrary<unknown>,
  succeeded: ((outcome: unknown) => boolean) | undefined,
  session: BackendSession,
  settings: CostSettings,
  onProgress: (answered: number) => void = () => undefined,
): Promise<CostFigures> => {
  const { model } = scenario;
  const draws = fc.sample(fc.tuple(accepted(implementation, commandsOf(scenario.config)), fc.integer({ min: 1, max: settings.copies })), {
    seed: settings.seed,
    numRuns: settings.commands,
  });
  const start: ReadonlyArray<unknown> = scenario.start?.commands ?? [];
  const domain = copyDomain<unknown, unknown>(scenario.config as unknown, idsIn([...draws.map(([command]) => command), ...start]), settings.copies);
  const workload = draws.map(([command, copy]) => domain.place(command, copy));

  const lease = await session.beginRun();
  try {
    const instance = await live(implementation, { ...lease.environment, config: domain.config });
    try {
      for (let copy = 1; copy <= settings.copies; copy++)
        for (const command of start) {
          const placed = domain.place(command, copy);
          await withTimeLimit(instance.answer(placed), settings.commandTimeLimitMs, `${model.describe(placed)}, reaching the starting state`);
        }
      const latencies: number[] = [];
      let refused = 0;
      let rolledBack = 0;
      let rollbacks = 0;
      let errors = 0;
      let firstError: string | undefined;
      let next = 0;
      let hung = false;
      const began = performance.now();
      const worker = async (): Promise<void> => {
        while (next < workload.length && !hung) {
          const command = workload[next++];
          const tally: CommandTally = { rollbacks: [] };
          const sent = performance.now();
          try {
            const outcome = await withTimeLimit(
              metered(tally, () => instance.answer(command)),
              settings.commandTimeLimitMs,
              model.describe(command),
            );
            if (!Schema.is(model.outcomeOf(command) as Schema.Codec<unknown>)(outcome))
              throw new Error(`answered ${JSON.stringify(outcome)}, which is not one of the model's outcomes for this command`);
            if (succeeded !== undefined && !succeeded(outcome)) refused++;
          } catch (error) {
            errors++;
            firstError ??= `${model.describe(command)}: ${errorText(error)}`;
            if (error instanceof CommandHung) hung = true;
          }
          latencies.push(performance.now() - sent);
          if (tally.rollbacks.length > 0) rolledBack++;
          rollbacks += tally.rollbacks.length;
          onProgress(latencies.length);
        }
      };
      await Promise.all(Array.from({ length: settings.workers }, worker));
      const seconds = (performance.now() - began) / 1_000;
      if (!hung) await withTimeLimit(instance.drained(), settings.commandTimeLimitMs, "delivering the messages left after the last outcome");
      latencies.sort((a, b) => a - b);
      return {
        commands: latencies.length,
        seconds,
        throughput: latencies.length / seconds,
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
        refused: succeeded === undefined ? undefined : refused,
        rolledBack,
        rollbacks,
        errors,
        firstError,
      };
    } finally {
      await instance.dispose();
    }
  } finally {
    await lease.release();
  }
};
