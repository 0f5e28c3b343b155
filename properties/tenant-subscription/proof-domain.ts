import type { TenantSubscriptionCommand, TenantSubscriptionConfig } from "../../model/tenant-subscription/types.js";

/**
 * The proof domain of the tenant-subscription family: `subscribe` and `unsubscribe` of the first
 * product by two sibling organizations (the first two of the first tenant with two or more), and
 * `subscribe` of the second product by the first of them (5 commands). Pairs cover siblings
 * subscribing to one product at once (the write skew of the naive and versioned-organization
 * designs), two commands on one organization (lost update), and an unsubscribe racing a sibling's
 * subscribe. Not covered: a third sibling, another tenant, unsubscribing the second product.
 */
export const tenantSubscriptionProofCommands = (config: TenantSubscriptionConfig): ReadonlyArray<TenantSubscriptionCommand> => {
  const siblings = Object.values(config.tenants).find((organizations) => organizations.length >= 2);
  const [first, second] = siblings ?? [];
  const [product, otherProduct] = config.products;
  if (first === undefined || second === undefined || product === undefined || otherProduct === undefined) {
    throw new Error("the tenant-subscription proof domain needs a tenant with two organizations and two products");
  }
  return [
    { _tag: "subscribe", organization: first, product },
    { _tag: "subscribe", organization: second, product },
    { _tag: "subscribe", organization: first, product: otherProduct },
    { _tag: "unsubscribe", organization: first, product },
    { _tag: "unsubscribe", organization: second, product },
  ];
};

/** What a tenant-subscription proof leaves out, for the verdict line. */
export const tenantSubscriptionProofGaps = (_config: TenantSubscriptionConfig): string => "a third sibling, another tenant, unsubscribing the second product";
