import type fc from "fast-check";
import type { AnyScenario } from "../engine/reference-model.js";
import { assignmentScenarios } from "../model/assignment/scenarios.js";
import type { AssignmentConfig } from "../model/assignment/types.js";
import { assignmentCommands } from "./assignment.js";
import { assignmentProofCommands } from "./assignment-proof.js";
import { bankTransferScenarios } from "../model/bank-transfer/scenarios.js";
import type { BankTransferConfig } from "../model/bank-transfer/types.js";
import { flightBookingScenarios } from "../model/flight-booking/scenarios.js";
import type { FlightBookingConfig } from "../model/flight-booking/types.js";
import { tenantSubscriptionScenarios } from "../model/tenant-subscription/scenarios.js";
import type { TenantSubscriptionConfig } from "../model/tenant-subscription/types.js";
import { uniqueEmailScenarios } from "../model/unique-email/scenarios.js";
import type { UniqueEmailConfig } from "../model/unique-email/types.js";
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

export const families: ReadonlyArray<Family> = [
  {
    name: "assignment",
    scenarios: assignmentScenarios,
    commands: (scenario) => assignmentCommands(scenario.config as AssignmentConfig),
    proofCommands: (scenario) => assignmentProofCommands(scenario.config as AssignmentConfig),
  },
  {
    name: "unique-email",
    scenarios: uniqueEmailScenarios,
    commands: (scenario) => uniqueEmailCommands(scenario.config as UniqueEmailConfig),
    proofCommands: (scenario) => uniqueEmailProofCommands(scenario.config as UniqueEmailConfig),
  },
  {
    name: "tenant-subscription",
    scenarios: tenantSubscriptionScenarios,
    commands: (scenario) => tenantSubscriptionCommands(scenario.config as TenantSubscriptionConfig),
    proofCommands: (scenario) => tenantSubscriptionProofCommands(scenario.config as TenantSubscriptionConfig),
  },
  {
    name: "bank-transfer",
    scenarios: bankTransferScenarios,
    commands: (scenario) => bankTransferCommands(scenario.config as BankTransferConfig),
    proofCommands: (scenario) => bankTransferProofCommands(scenario.config as BankTransferConfig),
  },
  {
    name: "flight-booking",
    scenarios: flightBookingScenarios,
    commands: (scenario) => flightBookingCommands(scenario.config as FlightBookingConfig),
    proofCommands: (scenario) => flightBookingProofCommands(scenario.config as FlightBookingConfig),
  },
];

export const allScenarios: ReadonlyArray<AnyScenario> = families.flatMap((family) => family.scenarios);

export const familyOf = (name: string): Family | undefined => families.find((family) => family.name === name);
