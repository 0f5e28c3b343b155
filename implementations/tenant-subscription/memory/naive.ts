import { defineImplementation } from "../../../engine/implementation.js";
import {
  organizationsOfTenant,
  type TenantSubscriptionCommand,
  type TenantSubscriptionConfig,
  type TenantSubscriptionOutcome,
  type TenantSubscriptionSnapshot,
} from "../../../model/tenant-subscription/types.js";
import { decideSubscription, emptyOrganization, type Organization, subscriptionsOf } from "../organization.js";
import { Table } from "../../memory/table.js";

/**
 * Naive per-organization check: load the organization and its tenant's other organizations, check
 * that none of them has the product, save the organization. Two sibling organizations subscribing
 * at once both find the product free; two commands on one organization overwrite each other.
 */
export const naiveTenantSubscription = defineImplementation<
  TenantSubscriptionConfig,
  TenantSubscriptionCommand,
  TenantSubscriptionOutcome,
  TenantSubscriptionSnapshot
>({
  family: "tenant-subscription",
  name: "subscription-naive",
  design: "naive check-then-act per organization",
  backend: "memory",
  claim: "linearizable",
  create({ config }) {
    const organizations = new Table<Organization>("organization", emptyOrganization);
    return {
      async execute(command) {
        const organization = await organizations.load(command.organization);
        const siblings: Organization[] = [];
        for (const sibling of organizationsOfTenant(config, command.organization)) {
          if (sibling !== command.organization) siblings.push((await organizations.load(sibling)).value);
        }
        const decision = decideSubscription(command, organization.value, siblings);
        if (!("organization" in decision)) return decision.outcome;
        await organizations.save(command.organization, decision.organization);
        return decision.outcome;
      },
      snapshot: () => ({ subscriptions: subscriptionsOf(organizations.entries()) }),
    };
  },
});
