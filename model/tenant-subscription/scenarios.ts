import type { Scenario } from "../../engine/reference-model.js";
import { type TenantSubscriptionState, tenantSubscriptionModel } from "./model.js";
import type { TenantSubscriptionCommand, TenantSubscriptionConfig, TenantSubscriptionOutcome, TenantSubscriptionSnapshot } from "./types.js";

export type TenantSubscriptionScenario = Scenario<
  TenantSubscriptionConfig,
  TenantSubscriptionState,
  TenantSubscriptionCommand,
  TenantSubscriptionOutcome,
  TenantSubscriptionSnapshot
>;

export const tenantSubscription: TenantSubscriptionScenario = {
  name: "tenant-subscription",
  summary: "an organization subscribes to a product: at most one subscription per product across a tenant's organizations",
  model: tenantSubscriptionModel,
  // Three sibling organizations make pairs that race likely; t2's one organization races only with itself.
  config: { tenants: { t1: ["o1", "o2", "o3"], t2: ["o4"] }, products: ["p1", "p2"] },
};

export const tenantSubscriptionScenarios: ReadonlyArray<TenantSubscriptionScenario> = [tenantSubscription];
