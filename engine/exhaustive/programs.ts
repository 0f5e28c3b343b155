import type { Program } from "../execute.js";

/** Which programs a proof covers, built from a family's small domain of commands. */
export interface ProgramShape {
  /** Every sequence of 0 to this many commands runs first, alone. */
  readonly maxPrefix: number;
  /** Then every multiset of this many to `maxConcurrent` commands runs concurrently, one task each. */
  readonly minConcurrent: number;
  readonly maxConcurrent: number;
}

/** Pairs and triples of concurrent commands, after no command or one. */
export const DEFAULT_SHAPE: ProgramShape = { maxPrefix: 1, minConcurrent: 2, maxConcurrent: 3 };

/** The programs of one size (prefix plus concurrent commands). */
export interface SizedPrograms<Command> {
  readonly size: number;
  readonly programs: ReadonlyArray<Program<Command>>;
}

const sequences = <T>(items: ReadonlyArray<T>, length: number): ReadonlyArray<ReadonlyArray<T>> =>
  length === 0 ? [[]] : sequences(items, length - 1).flatMap((head) => items.map((item) => [...head, item]));

/** Multisets as non-decreasing index sequences: tasks are interchangeable, so order among them adds nothing. */
const multisets = <T>(items: ReadonlyArray<T>, size: number, from = 0): ReadonlyArray<ReadonlyArray<T>> =>
  size === 0 ? [[]] : items.slice(from).flatMap((item, offset) => multisets(items, size - 1, from + offset).map((rest) => [item, ...rest]));

/**
 * Every program of the shape over `commands`, smallest first: a search that stops at the first size
 * with a failure has found a counterexample with the fewest commands, by construction.
 */
export const programsBySize = <Command>(commands: ReadonlyArray<Command>, shape: ProgramShape): ReadonlyArray<SizedPrograms<Command>> => {
  const bySize = new Map<number, Array<Program<Command>>>();
  for (let prefixLength = 0; prefixLength <= shape.maxPrefix; prefixLength++) {
    for (let concurrent = shape.minConcurrent; concurrent <= shape.maxConcurrent; concurrent++) {
      const size = prefixLength + concurrent;
      const programs = bySize.get(size) ?? [];
      for (const prefix of sequences(commands, prefixLength)) {
        for (const together of multisets(commands, concurrent)) programs.push({ prefix, branches: together.map((command) => [command]) });
      }
      bySize.set(size, programs);
    }
  }
  return [...bySize].sort(([a], [b]) => a - b).map(([size, programs]) => ({ size, programs }));
};
