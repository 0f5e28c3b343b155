import { Result, Schema } from "effect";
import { oneLine } from "../engine/one-line.js";

/** Names appear in commands (`--scenario lamp-socket`), reports and replays: one word of lowercase letters, digits and dashes. */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const aFunction = Schema.declare((value: unknown): value is (...args: never[]) => unknown => typeof value === "function", { expected: "a function" });
const anObject = Schema.declare((value: unknown): value is object => typeof value === "object" && value !== null, { expected: "an object" });
const aSchema = Schema.declare((value: unknown): value is Schema.Top => Schema.isSchema(value), { expected: "an effect Schema" });

/** What the harness reads of a family, checked before anything runs: a file's export may be anything. */
const FamilyShape = Schema.Struct({
  name: Schema.String,
  model: Schema.Struct({
    family: Schema.String,
    command: aSchema,
    outcomeOf: aFunction,
    snapshot: aSchema,
    normalize: aFunction,
    initial: aFunction,
    step: aFunction,
    observe: aFunction,
    invariants: Schema.Array(Schema.Struct({ name: Schema.String, when: Schema.Literals(["always", "at-rest"]), violations: aFunction })),
    describe: aFunction,
  }),
  scenarios: Schema.Array(Schema.Struct({ name: Schema.String, summary: Schema.String, model: anObject, config: Schema.Unknown })),
  commands: aFunction,
  proofCommands: Schema.optional(aFunction),
  proofGaps: Schema.optional(aFunction),
  successes: Schema.optional(Schema.Array(Schema.Unknown)),
});

const duplicates = (names: ReadonlyArray<string>): ReadonlyArray<string> => [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];

/**
 * What is wrong with a family, one sentence each; empty when nothing is. {@link defineFamily} refuses
 * a family with problems, and the command line refuses an export that is not a family.
 */
export const familyProblems = (family: unknown): ReadonlyArray<string> => {
  const decoded = Schema.decodeUnknownResult(FamilyShape)(family);
  if (Result.isFailure(decoded)) return [oneLine(decoded.failure.message)];
  // Decoding copies objects; whether a scenario uses this very model is asked of the originals.
  const { name, model, scenarios } = family as typeof decoded.success;
  const problems: string[] = [];
  if (!NAME.test(name)) problems.push(`the family name "${name}" must be lowercase letters, digits and dashes (waitlist, seat-map)`);
  if (model.family !== name) problems.push(`the family is named "${name}" but its model "${model.family}"`);
  if (scenarios.length === 0) problems.push("it has no scenario: name at least one configuration to check");
  for (const scenario of scenarios) {
    if (!NAME.test(scenario.name)) problems.push(`the scenario name "${scenario.name}" must be lowercase letters, digits and dashes`);
    if (scenario.model !== model) {
      const other = (scenario.model as { family?: unknown }).family;
      problems.push(`scenario ${scenario.name} uses the model of family ${String(other)}, not ${name}`);
    }
  }
  for (const twice of duplicates(scenarios.map((scenario) => scenario.name))) problems.push(`two scenarios are named ${twice}`);
  for (const twice of duplicates(model.invariants.map((invariant) => invariant.name))) problems.push(`two invariants are named ${twice}`);
  return problems;
};
