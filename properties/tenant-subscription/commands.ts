import type fc from "fast-check";
import { TenantSubscriptionCommand, type TenantSubscriptionConfig } from "../../model/tenant-subscription/types.js";
import { commandsFromSchema } from "../commands-from-schema.js";

/**
 * Commands over the scenario's organizations and products. Subscriptions, where sibling
 * organizations race, outnumber unsubscriptions three to one.
 */
export const tenantSubscriptionCommands = (config: TenantSubscriptionConfig): fc.Arbitrary<TenantSubscriptionCommand> =>
  commandsFromSchema(
    TenantSubscriptionCommand,
    { organization: Object.values(config.tenants).flat(), product: config.products },
    { weights: { subscribe: 3 } },
  );
