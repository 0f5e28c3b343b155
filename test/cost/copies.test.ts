import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { copyDomain, idsIn } from "../../engine/cost/copies.js";
import type { AnyScenario, ReferenceModel } from "../../engine/reference-model.js";
import { allScenarios, familyOf } from "../../properties/families.js";

const COPIES = 3;

/** Outcomes of `commands` applied in order to the model of `scenario` on `config`, from its starting state. */
const outcomes = (scenario: AnyScenario, config: unknown, commands: ReadonlyArray<unknown>): ReadonlyArray<unknown> => {
  const model = scenario.model as ReferenceModel<unknown, unknown, unknown, unknown, unknown>;
  let state = model.initial(config);
  return commands.map((command) => {
    const next = model.step(state, command, config);
    state = next.state;
    return next.outcome;
  });
};

const commandsOf = (scenario: AnyScenario): fc.Arbitrary<unknown> => {
  const family = familyOf(scenario.model.family);
  if (family === undefined) throw new Error(`no family ${scenario.model.family}`);
  return family.commands(scenario.config);
};

/** Ids as the cost workload finds them: every id a large sample of the family's commands carries, and the start's. */
const idsOf = (scenario: AnyScenario): ReadonlySet<string> =>
  idsIn([...fc.sample(commandsOf(scenario), { seed: 1, numRuns: 500 }), ...((scenario.start?.commands ?? []) as ReadonlyArray<unknown>)]);

describe.each(allScenarios.map((scenario) => [scenario.name, scenario] as const))("%s laid out in copies", (_, scenario) => {
  const ids = idsOf(scenario);
  const domain = copyDomain<unknown, unknown>(scenario.config, ids, COPIES);
  const start: ReadonlyArray<unknown> = scenario.start?.commands ?? [];

  // The knob is only honest if "spread" means what it says: a copy behaves exactly as the scenario
  // (same limits, same answers), and commands in other copies never change a copy's answers.
  test.prop([fc.array(fc.tuple(commandsOf(scenario), fc.integer({ min: 1, max: COPIES })), { maxLength: 30 })], { numRuns: 200 })(
    "each copy answers as the scenario itself, whatever the other copies do",
    (draws) => {
      const everyStart = Array.from({ length: COPIES }, (_, index) => start.map((command) => domain.place(command, index + 1))).flat();
      const mixed = outcomes(scenario, domain.config, [...everyStart, ...draws.map(([command, copy]) => domain.place(command, copy))]).slice(everyStart.length);
      for (let copy = 1; copy <= COPIES; copy++) {
        const alone = outcomes(scenario, scenario.config, [...start, ...draws.filter(([, at]) => at === copy).map(([command]) => command)]).slice(start.length);
        expect(mixed.filter((_, index) => draws[index]?.[1] === copy)).toEqual(alone);
      }
    },
  );

  test("copies share no id", () => {
    const sample = fc.sample(commandsOf(scenario), { seed: 2, numRuns: 50 });
    const idsOfCopy = (copy: number) => idsIn(sample.map((command) => domain.place(command, copy)));
    const [first, second] = [idsOfCopy(1), idsOfCopy(2)];
    expect([...first].filter((id) => second.has(id))).toEqual([]);
    expect(first.size).toBeGreaterThan(0);
  });

  test("one copy is the scenario untouched", () => {
    const single = copyDomain<unknown, unknown>(scenario.config, ids, 1);
    expect(single.config).toBe(scenario.config);
    const [command] = fc.sample(commandsOf(scenario), { seed: 3, numRuns: 1 });
    expect(single.place(command, 1)).toBe(command);
  });
});
