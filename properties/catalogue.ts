import type { CatalogueEntry } from "./catalogue-entry.js";
import { assignmentCatalogue, assignmentEventualCatalogue } from "./assignment/catalogue.js";
import type { EventualCatalogueEntry } from "./eventual/catalogue-entry.js";
import { bankTransferCatalogue, bankTransferEventualCatalogue } from "./bank-transfer/catalogue.js";
import { flightBookingCatalogue } from "./flight-booking/catalogue.js";
import { tenantSubscriptionCatalogue, tenantSubscriptionEventualCatalogue } from "./tenant-subscription/catalogue.js";
import { uniqueEmailCatalogue, uniqueEmailEventualCatalogue } from "./unique-email/catalogue.js";

export type { CatalogueEntry, Expected } from "./catalogue-entry.js";
export type { EventualCatalogueEntry } from "./eventual/catalogue-entry.js";

/** Every built-in design with the verdict it must get: known-broken designs are part of the evidence. */
export const catalogue: ReadonlyArray<CatalogueEntry> = [
  ...assignmentCatalogue,
  ...bankTransferCatalogue,
  ...flightBookingCatalogue,
  ...tenantSubscriptionCatalogue,
  ...uniqueEmailCatalogue,
];

/** Every built-in eventually-consistent design (claim `eventually-consistent`), checked by `verifyEventually`. */
export const eventualCatalogue: ReadonlyArray<EventualCatalogueEntry> = [
  ...assignmentEventualCatalogue,
  ...bankTransferEventualCatalogue,
  ...tenantSubscriptionEventualCatalogue,
  ...uniqueEmailEventualCatalogue,
];
