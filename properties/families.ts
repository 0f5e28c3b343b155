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

/** The built-in family of that name. */
export const familyOf = (name: string): AnyFamily | undefined => families.find((family) => family.name === name);

/**
 * Why a team's family cannot be used beside the built-ins, or undefined when it can: reports, replays
 * and designs name a family by its name alone, so a second family by a built-in's name would be
 * checked in its place. The built-in family itself, handed in again, is no clash.
 */
export const clashWithBuiltIn = (family: AnyFamily): string | undefined => {
  const builtIn = familyOf(family.name);
  return builtIn === undefined || builtIn === family ? undefined : `family "${family.name}" takes the name of a built-in family: rename it`;
};
