import fc from "fast-check";
import { commandKinds } from "../../engine/random/command-kinds.js";
import type { TenantSubscriptionCommand, TenantSubscriptionConfig } from "../../model/tenant-subscription/types.js";

/**
 * Commands over the scenario's organizations and products. Subscriptions, where sibling
 * organizations race, outnumber unsubscriptions three to one.
 */
export const tenantSubscriptionCommands = (config: TenantSubscriptionConfig): fc.Arbitrary<TenantSubscriptionCommand> => {
  const organization = fc.constantFrom(...Object.values(config.tenants).flat());
  const product = fc.constantFrom(...config.products);
  return commandKinds<TenantSubscriptionCommand>(
    { weight: 3, arbitrary: fc.record({ _tag: fc.constant("subscribe" as const), organization, product }) },
    { weight: 1, arbitrary: fc.record({ _tag: fc.constant("unsubscribe" as const), organization, product }) },
  );
};
