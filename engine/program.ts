/** What one run executes: a sequential prefix, then branches that run concurrently. */
export interface Program<Command> {
  readonly prefix: ReadonlyArray<Command>;
  readonly branches: ReadonlyArray<ReadonlyArray<Command>>;
}

/** The task that runs the prefix, one command at a time. */
export const PREFIX_TASK = "P";

/** The task of the concurrent branch at `index` (from 0): T1, T2… */
export const branchName = (index: number): string => `T${index + 1}`;

/**
 * Commands in a program, prefix and branches together: the size counterexamples are compared by.
 * Takes anything shaped like a program, so that a generated case (whose branches carry their
 * preemptions) is measured the same way.
 */
export const programSize = (program: { readonly prefix: ReadonlyArray<unknown>; readonly branches: ReadonlyArray<ReadonlyArray<unknown>> }): number =>
  program.prefix.length + program.branches.reduce((sum, branch) => sum + branch.length, 0);
