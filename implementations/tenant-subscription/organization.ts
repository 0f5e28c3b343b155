import type { SubscribeOutcome, TenantSubscriptionCommand, UnsubscribeOutcome } from "../../model/tenant-subscription/types.js";

/** The products an organization subscribes to: an aggregate of its own, or one entry of a SubscriptionPlan. */
export interface Organization {
  readonly products: ReadonlyArray<string>;
}

export const emptyOrganization = (): Organization => ({ products: [] });

export type SubscriptionDecision =
  | { readonly outcome: Exclude<SubscribeOutcome | UnsubscribeOutcome, "subscribed" | "unsubscribed"> }
  | { readonly outcome: "subscribed" | "unsubscribed"; readonly organization: Organization };

/**
 * The seed's rule, a product at most once per tenant, checked against the tenant's other
 * organizations (`siblings`) in the order the outcomes take precedence.
 */
export const decideSubscription = (
  command: TenantSubscriptionCommand,
  organization: Organization,
  siblings: ReadonlyArray<Organization>,
): SubscriptionDecision => {
  const { product } = command;
  const holds = organization.products.includes(product);
  if (command._tag === "unsubscribe") {
    return holds
      ? { outcome: "unsubscribed", organization: { products: organization.products.filter((held) => held !== product) } }
      : { outcome: "not-subscribed" };
  }
  if (holds) return { outcome: "already-subscribed" };
  if (siblings.some((sibling) => sibling.products.includes(product))) return { outcome: "tenant-has-product" };
  return { outcome: "subscribed", organization: { products: [...organization.products, product] } };
};

/**
 * The decision from what a design read of the tenant: `holders`, those of the tenant's
 * organizations (`tenant`, the command's own among them) that hold the command's product.
 */
export const decideFromHolders = (command: TenantSubscriptionCommand, tenant: ReadonlyArray<string>, holders: ReadonlyArray<string>): SubscriptionDecision => {
  const loaded = (id: string): Organization => ({ products: holders.includes(id) ? [command.product] : [] });
  return decideSubscription(command, loaded(command.organization), tenant.filter((sibling) => sibling !== command.organization).map(loaded));
};

/** Every subscription as `[organization, product]`, the way the harness reads them. */
export const subscriptionsOf = (organizations: ReadonlyArray<readonly [string, Organization]>): ReadonlyArray<readonly [string, string]> =>
  organizations.flatMap(([id, organization]) => organization.products.map((product) => [id, product] as const));
