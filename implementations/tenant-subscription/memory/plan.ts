import { defineImplementation } from "../../../engine/implementation.js";
import {
  organizationsOfTenant,
  type TenantSubscriptionCommand,
  type TenantSubscriptionConfig,
  type TenantSubscriptionOutcome,
  type TenantSubscriptionSnapshot,
  tenantOf,
} from "../../../model/tenant-subscription/types.js";
import { decideSubscription, type Organization, subscriptionsOf } from "../organization.js";
import { retryOnConflict } from "../../memory/retry.js";
import { Table } from "../../memory/table.js";

/** The seeds' missing concept: one aggregate per tenant that owns every subscription of its organizations. */
interface SubscriptionPlan {
  readonly organizations: Readonly<Record<string, Organization>>;
}

/**
 * Per-tenant SubscriptionPlan: the rule spans the tenant's organizations, so the aggregate does too.
 * One versioned save per command covers every organization the check looked at; on a conflict the
 * command starts over. Correct, and tenants do not contend with each other.
 */
export const planTenantSubscription = defineImplementation<
  TenantSubscriptionConfig,
  TenantSubscriptionCommand,
  TenantSubscriptionOutcome,
  TenantSubscriptionSnapshot
>({
  family: "tenant-subscription",
  name: "subscription-plan",
  design: "registry aggregate per tenant (SubscriptionPlan)",
  backend: "memory",
  claim: "linearizable",
  create({ config }) {
    const plans = new Table<SubscriptionPlan>("subscription plan", () => ({ organizations: {} }));
    return {
      execute: (command) =>
        retryOnConflict(async () => {
          const tenant = tenantOf(config, command.organization);
          const plan = await plans.load(tenant);
          const organizationOf = (id: string): Organization => plan.value.organizations[id] ?? { products: [] };
          const siblings = organizationsOfTenant(config, command.organization).filter((sibling) => sibling !== command.organization);
          const decision = decideSubscription(command, organizationOf(command.organization), siblings.map(organizationOf));
          if (!("organization" in decision)) return decision.outcome;
          const next = { organizations: { ...plan.value.organizations, [command.organization]: decision.organization } };
          return (await plans.saveIfVersion(tenant, next, plan.version)) ? decision.outcome : "conflict";
        }),
      snapshot: () => ({ subscriptions: plans.entries().flatMap(([, plan]) => subscriptionsOf(Object.entries(plan.organizations))) }),
    };
  },
});
