import fc from "fast-check";
import { Schema } from "effect";
import { describe, expect, test } from "vitest";
import { waitlistFamily, waitlistModel, WaitlistCommand } from "../../examples/waitlist/family.js";
import { type AnyFamily, commandsFromSchema, defineFamily, everyCommand, families as exportedFamilies } from "../../index.js";
import { families } from "../../properties/families.js";
import { familyProblems } from "../../properties/family-problems.js";

const lastSeat = waitlistFamily.scenarios[0]!;

/** What a family adds to its model, as handed to defineFamily. */
const partsOf = <F extends AnyFamily>({ scenarios, commands, proofCommands, proofGaps, successes }: F) => ({
  scenarios,
  commands,
  proofCommands,
  proofGaps,
  successes,
});

describe("defineFamily", () => {
  test("makes a family named after its model, with its parts", () => {
    expect(waitlistFamily.name).toBe("waitlist");
    expect(waitlistFamily.model).toBe(waitlistModel);
    expect(waitlistFamily.scenarios.map((scenario) => scenario.name)).toEqual(["last-seat", "full-house"]);
  });

  test("every built-in family is made by the public defineFamily and passes its checks", () => {
    expect(exportedFamilies).toBe(families);
    for (const family of families) {
      expect(familyProblems(family), family.name).toEqual([]);
      expect(defineFamily(family.model, partsOf(family))).toEqual(family);
    }
  });

  test.each([
    [
      "a scenario of another model",
      { scenarios: [{ ...lastSeat, model: { ...waitlistModel, family: "seat-map" } }] },
      "scenario last-seat uses the model of family seat-map, not waitlist",
    ],
    ["two scenarios by one name", { scenarios: [lastSeat, lastSeat] }, "two scenarios are named last-seat"],
    ["no scenario", { scenarios: [] }, "it has no scenario"],
    [
      "a name that does not fit a command line",
      { scenarios: [{ ...lastSeat, name: "Last Seat" }] },
      'the scenario name "Last Seat" must be lowercase letters, digits and dashes',
    ],
  ])("refuses %s, saying why", (_what, change, reason) => {
    expect(() => defineFamily(waitlistModel, { ...partsOf(waitlistFamily), ...change })).toThrow(`defineFamily("waitlist"): ${reason}`);
  });

  test("refuses an invariant that does not say when it holds", () => {
    const sometimes = { ...waitlistModel, invariants: [{ name: "sometimes", when: "sometimes", violations: () => [] }] };
    expect(() => defineFamily(sometimes as unknown as typeof waitlistModel, { ...partsOf(waitlistFamily), scenarios: [] })).toThrow(
      /\["model"\]\["invariants"\]\[0\]\["when"\]/,
    );
  });
});

describe("commandsFromSchema", () => {
  test("draws every command of the union over the values given, by weight", () => {
    const drawn = fc.sample(commandsFromSchema(WaitlistCommand, { person: ["p1", "p2"] }, { weights: { join: 3 } }), { seed: 1, numRuns: 400 });
    const joins = drawn.filter((command) => command._tag === "join").length;
    expect(new Set(drawn.map((command) => `${command._tag}(${command.person})`))).toEqual(new Set(["join(p1)", "join(p2)", "leave(p1)", "leave(p2)"]));
    expect(joins).toBeGreaterThan(250);
    expect(drawn.every((command) => Schema.is(WaitlistCommand)(command))).toBe(true);
  });

  test("takes the values of literal and boolean fields from the schema, and leaves optional fields out or in", () => {
    const Move = Schema.TaggedStruct("move", {
      seat: Schema.String,
      row: Schema.Literals(["front", "back"]),
      aisle: Schema.Boolean,
      note: Schema.optional(Schema.String),
    });
    const drawn = fc.sample(commandsFromSchema(Move, { seat: ["s1"], note: ["late"] }), { seed: 2, numRuns: 200 });
    expect(new Set(drawn.map((move) => move.row))).toEqual(new Set(["front", "back"]));
    expect(new Set(drawn.map((move) => move.aisle))).toEqual(new Set([true, false]));
    expect(new Set(drawn.map((move) => move.note))).toEqual(new Set(["late", undefined]));
    expect(everyCommand(Move, { seat: ["s1"] })).toHaveLength(4);
  });

  test.each([
    [() => commandsFromSchema(WaitlistCommand, {}), "field person of command join is a String: give the values it takes"],
    [() => commandsFromSchema(WaitlistCommand, { person: [] }), "the values given for field person (command join) are empty"],
    [() => commandsFromSchema(WaitlistCommand, { person: ["p1"] }, { weights: { jion: 2 } as never }), "weights name no command of the schema: jion"],
    [() => commandsFromSchema(Schema.Struct({ person: Schema.String }) as never, { person: ["p1"] }), "member 1 of the command schema is not a tagged struct"],
  ])("refuses what it cannot derive, saying what to give (%#)", (derive, reason) => {
    expect(derive).toThrow(reason);
  });
});

describe("everyCommand", () => {
  test("lists every command over the values, in the schema's order", () => {
    expect(everyCommand(WaitlistCommand, { person: ["p1", "p2"] })).toEqual([
      { _tag: "join", person: "p1" },
      { _tag: "join", person: "p2" },
      { _tag: "leave", person: "p1" },
      { _tag: "leave", person: "p2" },
    ]);
  });
});
