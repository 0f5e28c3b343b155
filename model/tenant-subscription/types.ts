import { Schema } from "effect";
import type { Implementation } from "../../engine/implementation.js";

/**
 * Family B, one subscription per product type across all organizations of a tenant. Shared with
 * implementations; the rules live in `model.ts`.
 */

export const Subscribe = Schema.TaggedStruct("subscribe", { organization: Schema.String, product: Schema.String });
export const Unsubscribe = Schema.TaggedStruct("unsubscribe", { organization: Schema.String, product: Schema.String });
export const TenantSubscriptionCommand = Schema.Union([Subscribe, Unsubscribe]);
export type TenantSubscriptionCommand = typeof TenantSubscriptionCommand.Type;

/** Listed in order of precedence: when several failures apply, the first one listed wins. */
export const SubscribeOutcome = Schema.Literals(["subscribed", "already-subscribed", "tenant-has-product"]);
export const UnsubscribeOutcome = Schema.Literals(["unsubscribed", "not-subscribed"]);
export type SubscribeOutcome = typeof SubscribeOutcome.Type;
export type UnsubscribeOutcome = typeof UnsubscribeOutcome.Type;
export type TenantSubscriptionOutcome = SubscribeOutcome | UnsubscribeOutcome;

/** Every subscription as `[organization, product]`. */
export const TenantSubscriptionSnapshot = Schema.Struct({ subscriptions: Schema.Array(Schema.Tuple([Schema.String, Schema.String])) });
export type TenantSubscriptionSnapshot = typeof TenantSubscriptionSnapshot.Type;

export interface TenantSubscriptionConfig {
  /**
   * The organizations of each tenant: part of the domain (designs read it to find an
   * organization's siblings), and the organization ids that generated commands use.
   */
  readonly tenants: Readonly<Record<string, ReadonlyArray<string>>>;
  /** The product ids that generated commands use. */
  readonly products: ReadonlyArray<string>;
}

/** The tenant an organization belongs to; an organization outside the configuration is a tenant of its own. */
export const tenantOf = (config: TenantSubscriptionConfig, organization: string): string =>
  Object.entries(config.tenants).find(([, organizations]) => organizations.includes(organization))?.[0] ?? organization;

/** The organizations of `organization`'s tenant, itself included. */
export const organizationsOfTenant = (config: TenantSubscriptionConfig, organization: string): ReadonlyArray<string> =>
  config.tenants[tenantOf(config, organization)] ?? [organization];

export type TenantSubscriptionImplementation = Implementation<
  TenantSubscriptionConfig,
  TenantSubscriptionCommand,
  TenantSubscriptionOutcome,
  TenantSubscriptionSnapshot
>;
