import { commandKinds } from "../engine/random/command-kinds.js";
import fc from "fast-check";
import { type Schema, SchemaAST } from "effect";

type FieldsOf<Command> = Command extends unknown ? Exclude<keyof Command, "_tag"> & string : never;
type FieldOf<Command, Field> = Command extends unknown ? (Field extends keyof Command ? Command[Field] : never) : never;
type TagOf<Command> = Command extends { readonly _tag: infer Tag extends string } ? Tag : never;

/**
 * The values each field of a command takes, by field name: the scenario's ids, amounts, … A field
 * whose schema lists its values (literals, booleans) needs none; ids must be given, because only
 * the scenario knows the few ids on which commands collide.
 */
export type CommandValues<Command> = { readonly [Field in FieldsOf<Command>]?: ReadonlyArray<FieldOf<Command, Field>> };

export interface CommandsFromSchemaOptions<Command> {
  /** How often each command is drawn relative to the others, by tag (default 1 each); 0 leaves it out. */
  readonly weights?: { readonly [Tag in TagOf<Command>]?: number };
}

/** One command of the union: its tag, and its other fields with their schema. */
interface CommandShape {
  readonly tag: string;
  readonly fields: ReadonlyArray<{ readonly name: string; readonly type: SchemaAST.AST; readonly optional: boolean }>;
}

const literalOf = (ast: SchemaAST.AST): SchemaAST.LiteralValue | undefined => (SchemaAST.isLiteral(ast) ? ast.literal : undefined);

/** The command union as tagged structs, in the order the schema lists them; anything else is refused by name. */
const commandShapes = (schema: Schema.Top): ReadonlyArray<CommandShape> => {
  const members = SchemaAST.isUnion(schema.ast) ? schema.ast.types : [schema.ast];
  return members.map((member, index) => {
    const tag = SchemaAST.isObjects(member) ? member.propertySignatures.find((property) => property.name === "_tag") : undefined;
    const literal = tag === undefined ? undefined : literalOf(tag.type);
    if (!SchemaAST.isObjects(member) || typeof literal !== "string")
      throw new Error(`member ${index + 1} of the command schema is not a tagged struct: write each command as Schema.TaggedStruct("name", { … })`);
    const fields = member.propertySignatures
      .filter((property) => property.name !== "_tag")
      .map((property) => ({ name: String(property.name), type: property.type, optional: SchemaAST.isOptional(property.type) }));
    return { tag: literal, fields };
  });
};

/** The values a field takes: those given for it, or those its schema lists. */
const valuesOf = (
  shape: CommandShape,
  field: CommandShape["fields"][number],
  given: Readonly<Record<string, ReadonlyArray<unknown>>>,
): ReadonlyArray<unknown> => {
  const listed = given[field.name];
  if (listed !== undefined) {
    if (listed.length === 0) throw new Error(`the values given for field ${field.name} (command ${shape.tag}) are empty: give at least one`);
    return listed;
  }
  const type = field.type;
  const literal = literalOf(type);
  if (literal !== undefined) return [literal];
  if (SchemaAST.isBoolean(type)) return [false, true];
  if (SchemaAST.isUnion(type)) {
    const literals = type.types.map(literalOf);
    if (literals.every((value) => value !== undefined)) return literals;
  }
  throw new Error(
    `field ${field.name} of command ${shape.tag} is a ${type._tag}: give the values it takes (${field.name}: config.…), the few on which commands collide`,
  );
};

/**
 * Random commands for a scenario, derived from the family's command schema (a union of
 * `Schema.TaggedStruct`s): each command is drawn by its weight, each field from its values. Shrinking
 * is fast-check's: towards the first command of the union and the first value of each field, so list
 * the command where the races live and the ids a counterexample should use first.
 *
 * `commandsFromSchema(WaitlistCommand, { person: config.people }, { weights: { join: 3 } })`
 */
export const commandsFromSchema = <Command>(
  schema: Schema.Schema<Command>,
  values: CommandValues<Command>,
  options: CommandsFromSchemaOptions<Command> = {},
): fc.Arbitrary<Command> => {
  const given = values as Readonly<Record<string, ReadonlyArray<unknown>>>;
  const weights = (options.weights ?? {}) as Readonly<Record<string, number | undefined>>;
  const shapes = commandShapes(schema);
  const unknown = Object.keys(weights).filter((tag) => !shapes.some((shape) => shape.tag === tag));
  if (unknown.length > 0)
    throw new Error(`weights name no command of the schema: ${unknown.join(", ")} (commands: ${shapes.map((shape) => shape.tag).join(", ")})`);
  const drawn = shapes
    .map((shape) => ({ shape, weight: weights[shape.tag] ?? 1 }))
    .filter(({ weight }) => weight > 0)
    .map(({ shape, weight }) => {
      const model: Record<string, fc.Arbitrary<unknown>> = { _tag: fc.constant(shape.tag) };
      for (const field of shape.fields) model[field.name] = fc.constantFrom(...valuesOf(shape, field, given));
      const requiredKeys = ["_tag", ...shape.fields.filter((field) => !field.optional).map((field) => field.name)];
      return { weight, arbitrary: fc.record(model, { requiredKeys }) };
    });
  if (drawn.length === 0) throw new Error("every command has weight 0: nothing to draw");
  // Registered as kinds, so that random mode can also draw a task made of one kind of command alone.
  return commandKinds(...drawn) as fc.Arbitrary<Command>;
};

/**
 * Every command over the given values: each command of the schema with every combination of its
 * fields' values, in the schema's order. Meant for a small proof domain (`proofCommands`), which
 * exhaustive mode combines into every program of two and three commands.
 */
export const everyCommand = <Command>(schema: Schema.Schema<Command>, values: CommandValues<Command>): ReadonlyArray<Command> => {
  const given = values as Readonly<Record<string, ReadonlyArray<unknown>>>;
  return commandShapes(schema).flatMap((shape) =>
    shape.fields
      .filter((field) => !field.optional || given[field.name] !== undefined)
      .reduce<ReadonlyArray<Readonly<Record<string, unknown>>>>(
        (partial, field) => partial.flatMap((command) => valuesOf(shape, field, given).map((value) => ({ ...command, [field.name]: value }))),
        [{ _tag: shape.tag }],
      ),
  ) as ReadonlyArray<Command>;
};
