import type fc from "fast-check";
import type { Implementation } from "../engine/implementation.js";
import type { ReferenceModel, Scenario } from "../engine/reference-model.js";
import { familyProblems } from "./family-problems.js";

/**
 * A model family ready to be checked: its reference model, its named scenarios, the commands generated
 * to check them and the small domain exhaustive mode builds its programs from. The name is the model's.
 * Built-in families and a team's own are made the same way, by {@link defineFamily}.
 */
export interface Family<Config = unknown, State = unknown, Command = unknown, Outcome = unknown, Snapshot = unknown> {
  /** The model's `family`: what an implementation names in its own `family` field. */
  readonly name: string;
  readonly model: ReferenceModel<Config, State, Command, Outcome, Snapshot>;
  readonly scenarios: ReadonlyArray<Scenario<Config, State, Command, Outcome, Snapshot>>;
  /** The commands random mode draws for a scenario's config; `commandsFromSchema` derives them from the command schema. */
  readonly commands: (config: Config) => fc.Arbitrary<Command>;
  /**
   * The commands exhaustive mode (`verify --exhaustive`) builds its programs from; a family without
   * one cannot be verified exhaustively. Keep it small: programs grow with its cube. `start`: the
   * scenario's starting commands, so that the domain can aim at what they leave one step from a limit.
   */
  readonly proofCommands?: (config: Config, start?: ReadonlyArray<Command>) => ReadonlyArray<Command>;
  /** What the proof domain leaves out, in words (other ids, commands): printed with every proof. */
  readonly proofGaps?: (config: Config) => string;
  /**
   * The final outcomes that change the state (`joined`, `left`, …); every other outcome is a refusal.
   * Needed only to check eventually-consistent designs, whose stored state is explained by their
   * successful requests alone.
   */
  readonly successes?: ReadonlyArray<Outcome>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of families of every configuration and command
export type AnyFamily = Family<any, any, any, any, any>;

/** What a family adds to its model: scenarios, a command generator and, optionally, a proof domain and its successes. */
export type FamilyParts<Config, State, Command, Outcome, Snapshot> = Omit<Family<Config, State, Command, Outcome, Snapshot>, "name" | "model">;

/**
 * The type of a design of `family`: `const ours: ImplementationOf<typeof waitlistFamily> = { family: "waitlist", … }`.
 * `Environment` is what its backend hands to `create` (`PostgresEnvironment` on PostgreSQL).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- in-memory designs need nothing from a backend
export type ImplementationOf<F extends AnyFamily, Environment extends object = {}> = Implementation<
  Parameters<F["commands"]>[0],
  Parameters<F["model"]["describe"]>[0],
  ReturnType<F["model"]["step"]>["outcome"],
  ReturnType<F["model"]["observe"]>,
  Environment
>;

/**
 * Makes a family from its reference model and its parts, the one way every family is made, built-in
 * or a team's own. Checked at once, so that a mistake is reported where the family is defined rather
 * than in the middle of a run: every scenario must use this model (a scenario can never be checked
 * with another family's commands), names must be unique and fit a command line, and every invariant
 * must say when it holds (`always` or `at-rest`).
 */
export const defineFamily = <Config, State, Command, Outcome, Snapshot>(
  model: ReferenceModel<Config, State, Command, Outcome, Snapshot>,
  // The model alone fixes the types; the parts are checked against them (an inline scenario's literals must not widen them).
  parts: NoInfer<FamilyParts<Config, State, Command, Outcome, Snapshot>>,
): Family<Config, State, Command, Outcome, Snapshot> => {
  const family: Family<Config, State, Command, Outcome, Snapshot> = { name: model.family, model, ...parts };
  const problems = familyProblems(family);
  if (problems.length > 0) throw new Error(`defineFamily(${JSON.stringify(model.family)}): ${problems.join("; ")}`);
  return family;
};
