import { defineImplementation } from "../../../engine/implementation.js";
import {
  organizationsOfTenant,
  type TenantSubscriptionCommand,
  type TenantSubscriptionConfig,
  type TenantSubscriptionOutcome,
  type TenantSubscriptionSnapshot,
} from "../../../model/tenant-subscription/types.js";
import { decideSubscription, emptyOrganization, type Organization, subscriptionsOf } from "../organization.js";
import { retryOnConflict } from "../../memory/retry.js";
import { Table } from "../../memory/table.js";

/**
 * Versioned organizations: the organization is saved only if nobody saved it since it was loaded,
 * which ends lost updates on one organization. The siblings it checked are not saved, so nothing
 * stops a sibling from subscribing to the same product meanwhile: write skew across the tenant.
 */
export const versionedOrganizationTenantSubscription = defineImplementation<
  TenantSubscriptionConfig,
  TenantSubscriptionCommand,
  TenantSubscriptionOutcome,
  TenantSubscriptionSnapshot
>({
  family: "tenant-subscription",
  name: "subscription-versioned-organization",
  design: "versioned aggregates, one per transaction (Organization)",
  backend: "memory",
  claim: "linearizable",
  create({ config }) {
    const organizations = new Table<Organization>("organization", emptyOrganization);
    return {
      execute: (command) =>
        retryOnConflict(async () => {
          const organization = await organizations.load(command.organization);
          const siblings: Organization[] = [];
          for (const sibling of organizationsOfTenant(config, command.organization)) {
            if (sibling !== command.organization) siblings.push((await organizations.load(sibling)).value);
          }
          const decision = decideSubscription(command, organization.value, siblings);
          if (!("organization" in decision)) return decision.outcome;
          return (await organizations.saveIfVersion(command.organization, decision.organization, organization.version)) ? decision.outcome : "conflict";
        }),
      snapshot: () => ({ subscriptions: subscriptionsOf(organizations.entries()) }),
    };
  },
});
