import type fc from "fast-check";
import type { ReferenceModel, Scenario } from "../engine/reference-model.js";

/**
 * A model family ready to be checked: its reference model, its named scenarios, the commands generated
 * to check them and the small domain exhaustive mode builds its programs from. The name is the model's.
 */
export interface Family<Config = unknown, Command = unknown> {
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a family list holds models of every shape
  readonly scenarios: ReadonlyArray<Scenario<Config, any, Command, any, any>>;
  readonly commands: (config: Config) => fc.Arbitrary<Command>;
  /**
   * The commands exhaustive mode (`verify --exhaustive`) builds its programs from; a family without
   * one cannot be verified exhaustively. Keep it small: programs grow with its cube. `start`: the
   * scenario's starting commands, so that the domain can aim at what they leave one step from a limit.
   */
  readonly proofCommands?: (config: Config, start?: ReadonlyArray<Command>) => ReadonlyArray<Command>;
  /** What the proof domain leaves out, in words (other ids, commands): printed with every proof. */
  readonly proofGaps?: (config: Config) => string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of families of every configuration and command
export type AnyFamily = Family<any, any>;

/** What a family adds to its model: scenarios, a command generator and (optionally) a proof domain. */
export interface FamilyParts<Config, State, Command, Outcome, Snapshot> {
  readonly scenarios: ReadonlyArray<Scenario<Config, State, Command, Outcome, Snapshot>>;
  readonly commands: (config: Config) => fc.Arbitrary<Command>;
  readonly proofCommands?: (config: Config, start?: ReadonlyArray<Command>) => ReadonlyArray<Command>;
  readonly proofGaps?: (config: Config) => string;
}

/**
 * Registers a family under its model's name. Every scenario must use that model, so a scenario can
 * never be checked with another family's commands.
 */
export const defineFamily = <Config, State, Command, Outcome, Snapshot>(
  model: ReferenceModel<Config, State, Command, Outcome, Snapshot>,
  parts: FamilyParts<Config, State, Command, Outcome, Snapshot>,
): Family<Config, Command> => {
  const stranger = parts.scenarios.find((scenario) => scenario.model !== model);
  if (stranger !== undefined) throw new Error(`scenario ${stranger.name} uses the model of family ${stranger.model.family}, not ${model.family}`);
  return { name: model.family, ...parts };
};
