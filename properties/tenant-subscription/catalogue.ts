import { subscribeThenChargeBackOnPostgres } from "../../implementations/tenant-subscription/postgres/subscribe-then-charge-back.js";
import { type CatalogueEntry, correct, racy, twoCommandsOnePreemption } from "../catalogue-entry.js";
import { naiveTenantSubscription } from "../../implementations/tenant-subscription/memory/naive.js";
import { naiveTenantSubscriptionOnPostgres } from "../../implementations/tenant-subscription/postgres/naive.js";
import { planTenantSubscription } from "../../implementations/tenant-subscription/memory/plan.js";
import { uniqueIndexTenantSubscription } from "../../implementations/tenant-subscription/postgres/unique-index.js";
import { versionedOrganizationTenantSubscription } from "../../implementations/tenant-subscription/memory/versioned-organization.js";
import { naiveTenantSubscriptionOnMariadb } from "../../implementations/tenant-subscription/mariadb/naive.js";
import { uniqueIndexTenantSubscriptionOnMariadb } from "../../implementations/tenant-subscription/mariadb/unique-index.js";
import { type EventualCatalogueEntry, settlesCorrectly } from "../eventual/catalogue-entry.js";
import { subscribeThenChargeBack } from "../../implementations/tenant-subscription/memory/subscribe-then-charge-back.js";

/** The tenant-subscription designs of the catalogue and the verdicts they must get. */
export const tenantSubscriptionCatalogue: ReadonlyArray<CatalogueEntry> = [
  {
    implementation: naiveTenantSubscription,
    expected: racy,
    minimal: twoCommandsOnePreemption,
    because: "sibling organizations both find the product free before either saves",
  },
  {
    implementation: versionedOrganizationTenantSubscription,
    expected: racy,
    minimal: twoCommandsOnePreemption,
    because: "the version guards the organization saved, not the siblings checked (write skew)",
  },
  { implementation: planTenantSubscription, expected: correct },
  {
    implementation: naiveTenantSubscriptionOnPostgres,
    expected: racy,
    minimal: twoCommandsOnePreemption,
    because: "sibling organizations both read the product free before either inserts its subscription",
  },
  { implementation: uniqueIndexTenantSubscription, expected: correct },
  {
    implementation: naiveTenantSubscriptionOnMariadb,
    expected: racy,
    minimal: twoCommandsOnePreemption,
    because: "sibling organizations both read the product free before either inserts its subscription",
  },
  { implementation: uniqueIndexTenantSubscriptionOnMariadb, expected: correct },
];

/** The tenant-subscription family's eventually-consistent designs and the verdicts they must get. */
export const tenantSubscriptionEventualCatalogue: ReadonlyArray<EventualCatalogueEntry> = [
  { implementation: subscribeThenChargeBack, expected: settlesCorrectly },
  { implementation: subscribeThenChargeBackOnPostgres, expected: settlesCorrectly },
];
