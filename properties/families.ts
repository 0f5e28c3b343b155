import type fc from "fast-check";
import type { AnyScenario } from "../engine/reference-model.js";
import { assignmentScenarios } from "../model/assignment/scenarios.js";
import type { AssignmentConfig } from "../model/assignment/types.js";
import { assignmentCommands } from "./assignment.js";

/** A model family with its named scenarios and the commands generated to check them. */
export interface Family {
  readonly name: string;
  readonly scenarios: ReadonlyArray<AnyScenario>;
  readonly commands: (scenario: AnyScenario) => fc.Arbitrary<unknown>;
}

export const families: ReadonlyArray<Family> = [
  { name: "assignment", scenarios: assignmentScenarios, commands: (scenario) => assignmentCommands(scenario.config as AssignmentConfig) },
];

export const allScenarios: ReadonlyArray<AnyScenario> = families.flatMap((family) => family.scenarios);

export const familyOf = (name: string): Family | undefined => families.find((family) => family.name === name);
