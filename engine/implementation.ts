/**
 * What an implementation claims. `linearizable`: every concurrent history is explained by some
 * sequential order of the model that respects real time, and the invariants hold at every quiescent
 * point. `eventually-consistent`: the safety invariants always hold; agreement once work settles.
 */
export type Claim = "linearizable" | "eventually-consistent";

/** One live copy of a design, created fresh for every run. */
export interface Instance<Command, Outcome, Snapshot> {
  /** Applies one command. Every await point inside must go through {@link step}. */
  readonly execute: (command: Command) => Promise<Outcome>;
  /** The state as stored, read out of band (no await points): the harness checks invariants on it. */
  readonly snapshot: () => Snapshot | Promise<Snapshot>;
  readonly dispose?: () => void | Promise<void>;
}

/**
 * A design under verification: the public contract a team implements to have its own code checked.
 * `Environment` is what its backend hands to every run (for PostgreSQL, a `pg` Pool).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- in-memory designs need nothing from a backend
export interface Implementation<Config, Command, Outcome, Snapshot, Environment extends object = {}> {
  /** The model family it implements, e.g. `assignment`. */
  readonly family: string;
  /** Short stable id used on the command line, e.g. `naive`. */
  readonly name: string;
  /** The design in the words of the seeds, e.g. `naive check-then-act`. */
  readonly design: string;
  readonly backend: string;
  readonly claim: Claim;
  readonly create: (context: { readonly config: Config } & Environment) => Instance<Command, Outcome, Snapshot> | Promise<Instance<Command, Outcome, Snapshot>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a catalogue holds implementations of every family
export type AnyImplementation = Implementation<any, any, any, any, any>;

/** Identity helper that gives a team's object literal its type and checks it at compile time. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- see Implementation
export const defineImplementation = <Config, Command, Outcome, Snapshot, Environment extends object = {}>(
  implementation: Implementation<Config, Command, Outcome, Snapshot, Environment>,
): Implementation<Config, Command, Outcome, Snapshot, Environment> => implementation;

/** How a verdict names the design it judged. */
export interface DesignHeader {
  readonly name: string;
  readonly design: string;
  readonly backend: string;
  readonly claim: string;
}

/** The header of a verdict: the implementation's identity, without its code. */
export const designHeader = (implementation: DesignHeader): DesignHeader => ({
  name: implementation.name,
  design: implementation.design,
  backend: implementation.backend,
  claim: implementation.claim,
});
