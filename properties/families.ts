import type { AnyScenario } from "../engine/reference-model.js";
import type { AnyFamily } from "./define-family.js";
import { assignmentFamily } from "./assignment/family.js";
import { bankTransferFamily } from "./bank-transfer/family.js";
import { flightBookingFamily } from "./flight-booking/family.js";
import { tenantSubscriptionFamily } from "./tenant-subscription/family.js";
import { uniqueEmailFamily } from "./unique-email/family.js";

export type { AnyFamily, Family } from "./define-family.js";

/** Every built-in family: one line each. */
export const families: ReadonlyArray<AnyFamily> = [assignmentFamily, uniqueEmailFamily, tenantSubscriptionFamily, bankTransferFamily, flightBookingFamily];

export const allScenarios: ReadonlyArray<AnyScenario> = families.flatMap((family) => family.scenarios);

export const familyOf = (name: string): AnyFamily | undefined => families.find((family) => family.name === name);
