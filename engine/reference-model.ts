import type { Schema } from "effect";

/**
 * A property of an implementation's observable state that must never be false.
 *
 * `always` invariants must hold at every decision point of a run, even while commands are half
 * done (a reader at that moment would see them broken). `at-rest` invariants may be broken while a
 * command is in flight (for example the two views of a pair written in two steps) but must hold
 * whenever no command is running.
 */
export interface Invariant<Config, Snapshot> {
  readonly name: string;
  readonly when: "always" | "at-rest";
  /** Returns one human-readable sentence per violation; empty when the invariant holds. */
  readonly violations: (snapshot: Snapshot, config: Config) => ReadonlyArray<string>;
}

/**
 * The pure sequential reference model of one invariant family: what every command must return and
 * what state it leaves. The engine only ever talks to a family through this interface.
 */
export interface ReferenceModel<Config, State, Command, Outcome, Snapshot> {
  readonly family: string;
  /** Decodes a command that crosses a boundary (a replay file, a CLI flag). */
  readonly command: Schema.Decoder<Command>;
  /** The outcomes a command may answer; an answer outside this set is a fault of the implementation. */
  readonly outcomeOf: (command: Command) => Schema.Decoder<Outcome>;
  /** Decodes what an implementation reports as its state. */
  readonly snapshot: Schema.Decoder<Snapshot>;
  /** Puts a snapshot in canonical form (sets sorted), so that equal states compare equal. */
  readonly normalize: (snapshot: Snapshot) => Snapshot;
  readonly initial: (config: Config) => State;
  readonly step: (state: State, command: Command, config: Config) => { readonly outcome: Outcome; readonly state: State };
  /** What an implementation holding `state` must report; compared with its own snapshot. */
  readonly observe: (state: State) => Snapshot;
  readonly invariants: ReadonlyArray<Invariant<Config, Snapshot>>;
  /** `join(u1, g1)`: how a command is written in reports. */
  readonly describe: (command: Command) => string;
}

/**
 * Where every run of a scenario starts, so that a boundary (the last seat, a limit above two) is a
 * command or two away instead of out of reach. It is reached through the design's own commands,
 * applied one at a time and each checked against the model, so every backend loads it the same way.
 */
export interface StartingState<Command> {
  /** One line for reports, e.g. `f10 with 10 tickets for 10 seats`. */
  readonly summary: string;
  /** Applied before every run, never generated, shrunk or shown one by one. */
  readonly commands: ReadonlyArray<Command>;
}

/** A named configuration of a family, such as `lamp-socket` (limits 1 and 1). */
export interface Scenario<Config, State, Command, Outcome, Snapshot> {
  readonly name: string;
  readonly summary: string;
  readonly model: ReferenceModel<Config, State, Command, Outcome, Snapshot>;
  readonly config: Config;
  /** Runs start empty unless the scenario names a starting state. */
  readonly start?: StartingState<Command>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a catalogue holds scenarios of every family
export type AnyScenario = Scenario<any, any, any, any, any>;
