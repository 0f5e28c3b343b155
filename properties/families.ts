import type fc from "fast-check";
import type { AnyScenario } from "../engine/reference-model.js";
import { assignmentScenarios } from "../model/assignment/scenarios.js";
import { assignmentCommands } from "./assignment.js";
import { assignmentProofCommands } from "./assignment-proof.js";
import { bankTransferScenarios } from "../model/bank-transfer/scenarios.js";
import { flightBookingScenarios } from "../model/flight-booking/scenarios.js";
import { tenantSubscriptionScenarios } from "../model/tenant-subscription/scenarios.js";
import { uniqueEmailScenarios } from "../model/unique-email/scenarios.js";
import { bankTransferCommands } from "./bank-transfer.js";
import { flightBookingCommands } from "./flight-booking.js";
import { tenantSubscriptionCommands } from "./tenant-subscription.js";
import { uniqueEmailCommands } from "./unique-email.js";
import { bankTransferProofCommands } from "./bank-transfer-proof.js";
import { flightBookingProofCommands } from "./flight-booking-proof.js";
import { tenantSubscriptionProofCommands } from "./tenant-subscription-proof.js";
import { uniqueEmailProofCommands } from "./unique-email-proof.js";

/** A model family with its named scenarios and the commands generated to check them. */
export interface Family {
  readonly name: string;
  readonly scenarios: ReadonlyArray<AnyScenario>;
  readonly commands: (scenario: AnyScenario) => fc.Arbitrary<unknown>;
  /**
   * The small domain of commands that exhaustive mode (`verify --exhaustive`) builds its programs from;
   * a family without one is skipped there. Keep it small: programs grow with its cube.
   */
  readonly proofCommands?: (scenario: AnyScenario) => ReadonlyArray<unknown>;
}

/** Builds a family entry whose generators take the scenario's own configuration type. */
const family = <Config>(
  name: string,
  scenarios: ReadonlyArray<AnyScenario & { readonly config: Config }>,
  commands: (config: Config) => fc.Arbitrary<unknown>,
  proofCommands: (config: Config) => ReadonlyArray<unknown>,
): Family => ({
  name,
  scenarios,
  commands: (scenario) => commands(scenario.config as Config),
  proofCommands: (scenario) => proofCommands(scenario.config as Config),
});

export const families: ReadonlyArray<Family> = [
  family("assignment", assignmentScenarios, assignmentCommands, assignmentProofCommands),
  family("unique-email", uniqueEmailScenarios, uniqueEmailCommands, uniqueEmailProofCommands),
  family("tenant-subscription", tenantSubscriptionScenarios, tenantSubscriptionCommands, tenantSubscriptionProofCommands),
  family("bank-transfer", bankTransferScenarios, bankTransferCommands, bankTransferProofCommands),
  family("flight-booking", flightBookingScenarios, flightBookingCommands, flightBookingProofCommands),
];

export const allScenarios: ReadonlyArray<AnyScenario> = families.flatMap((family) => family.scenarios);

export const familyOf = (name: string): Family | undefined => families.find((family) => family.name === name);
