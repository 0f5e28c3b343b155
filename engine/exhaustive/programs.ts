import type { Program } from "../execute.js";

/** Which programs a proof covers, built from a family's small domain of commands. */
export interface ProgramShape {
  /** What the verdict calls it, so that a reader knows which domain ran. */
  readonly name?: string;
  /** Every sequence of 0 to this many commands runs first, alone. */
  readonly maxPrefix: number;
  /** Then every multiset of this many to `maxConcurrent` tasks runs concurrently. */
  readonly minConcurrent: number;
  readonly maxConcurrent: number;
  /**
   * Commands per task, at most (default 1). With 2, a task's second command starts only after its
   * first completed, so commands are ordered in real time against other tasks' commands.
   */
  readonly maxTaskLength?: number;
  /** Commands of all concurrent tasks together, at most (default: no limit beyond the tasks'). */
  readonly maxConcurrentCommands?: number;
  /** Programs with a task of several commands take a prefix of at most this many (default `maxPrefix`). */
  readonly longTaskMaxPrefix?: number;
}

/**
 * The default: pairs and triples of concurrent commands, one per task, after no command or one;
 * and, with no prefix, two tasks of which one runs two commands in order (three in all), so that
 * real-time order between commands is explored. Those cost about a tenth more executions.
 */
export const DEFAULT_SHAPE: ProgramShape = {
  name: "default",
  maxPrefix: 1,
  minConcurrent: 2,
  maxConcurrent: 3,
  maxTaskLength: 2,
  maxConcurrentCommands: 3,
  longTaskMaxPrefix: 0,
};

/** The default with every concurrent part after a prefix too: about half as many executions again. */
export const SEQUENCED_SHAPE: ProgramShape = {
  name: "sequenced",
  maxPrefix: 1,
  minConcurrent: 2,
  maxConcurrent: 3,
  maxTaskLength: 2,
  maxConcurrentCommands: 3,
};

/**
 * Every pair of concurrent commands from the scenario's starting state: sized for a database server,
 * where an execution costs tens of milliseconds (every statement a step) instead of a fraction of
 * one. Every race of two commands from that state is in it; prefixes, three tasks and a task's
 * second command are left out.
 */
export const PAIRS_SHAPE: ProgramShape = { name: "pairs", maxPrefix: 0, minConcurrent: 2, maxConcurrent: 2 };

/** The named shapes a caller may ask for. */
export const namedShapes: Readonly<Record<string, ProgramShape>> = { default: DEFAULT_SHAPE, sequenced: SEQUENCED_SHAPE, pairs: PAIRS_SHAPE };

/** The programs of one size (prefix plus concurrent commands). */
export interface SizedPrograms<Command> {
  readonly size: number;
  readonly programs: ReadonlyArray<Program<Command>>;
}

const sequences = <T>(items: ReadonlyArray<T>, length: number): ReadonlyArray<ReadonlyArray<T>> =>
  length === 0 ? [[]] : sequences(items, length - 1).flatMap((head) => items.map((item) => [...head, item]));

/**
 * Multisets of `size` tasks as non-decreasing index sequences (tasks are interchangeable, so order
 * among them adds nothing) whose commands add up to at most `budget`.
 */
const multisets = <T>(tasks: ReadonlyArray<ReadonlyArray<T>>, size: number, budget: number, from = 0): ReadonlyArray<ReadonlyArray<ReadonlyArray<T>>> =>
  size === 0
    ? [[]]
    : tasks
        .slice(from)
        .flatMap((task, offset) =>
          task.length > budget ? [] : multisets(tasks, size - 1, budget - task.length, from + offset).map((rest) => [task, ...rest]),
        );

/** Every task a shape allows: single commands first, then pairs of commands in order. */
const tasksOf = <Command>(commands: ReadonlyArray<Command>, maxTaskLength: number): ReadonlyArray<ReadonlyArray<Command>> =>
  Array.from({ length: maxTaskLength }, (_unused, index) => sequences(commands, index + 1)).flat();

/**
 * Every program of the shape over `commands`, smallest first: a search that stops at the first size
 * with a failure has found a counterexample with the fewest commands, by construction.
 */
export const programsBySize = <Command>(commands: ReadonlyArray<Command>, shape: ProgramShape): ReadonlyArray<SizedPrograms<Command>> => {
  const tasks = tasksOf(commands, shape.maxTaskLength ?? 1);
  const bySize = new Map<number, Array<Program<Command>>>();
  for (let prefixLength = 0; prefixLength <= shape.maxPrefix; prefixLength++) {
    for (let concurrent = shape.minConcurrent; concurrent <= shape.maxConcurrent; concurrent++) {
      for (const prefix of sequences(commands, prefixLength)) {
        for (const branches of multisets(tasks, concurrent, shape.maxConcurrentCommands ?? Number.POSITIVE_INFINITY)) {
          if (prefixLength > (shape.longTaskMaxPrefix ?? shape.maxPrefix) && branches.some((branch) => branch.length > 1)) continue;
          const size = prefixLength + branches.reduce((sum, branch) => sum + branch.length, 0);
          const programs = bySize.get(size) ?? [];
          programs.push({ prefix, branches });
          bySize.set(size, programs);
        }
      }
    }
  }
  return [...bySize].sort(([a], [b]) => a - b).map(([size, programs]) => ({ size, programs }));
};
