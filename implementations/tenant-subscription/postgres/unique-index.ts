import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import {
  type TenantSubscriptionCommand,
  type TenantSubscriptionConfig,
  type TenantSubscriptionOutcome,
  type TenantSubscriptionSnapshot,
  tenantOf,
} from "../../../model/tenant-subscription/types.js";
import { resetTables, type TableDefinition } from "../../postgres/table-definition.js";
import { readSubscriptions } from "./tables.js";
import { violates } from "../../postgres/transaction.js";

/** Each subscription carries its organization's tenant, so that one unique index spans the siblings. */
const subscriptions: TableDefinition = {
  name: "subscriptions",
  ddl: `CREATE TABLE subscriptions (organization text NOT NULL, product text NOT NULL, tenant text NOT NULL,
    PRIMARY KEY (organization, product), CONSTRAINT one_per_tenant UNIQUE (tenant, product))`,
};

/**
 * Set validation by the database: a subscription is one INSERT, and the unique index on (tenant,
 * product) refuses a sibling's second one (an INSERT that meets an uncommitted equal entry waits
 * for that transaction and fails with 23505 only if it committed). `ON CONFLICT (organization,
 * product) DO NOTHING` answers `already-subscribed` first, as the precedence wants, since the
 * organization's own subscription would break the tenant's index too.
 */
export const uniqueIndexTenantSubscription = defineImplementation<
  TenantSubscriptionConfig,
  TenantSubscriptionCommand,
  TenantSubscriptionOutcome,
  TenantSubscriptionSnapshot,
  PostgresEnvironment
>({
  family: "tenant-subscription",
  name: "pg-subscription-unique-index",
  design: "database constraint (unique index on tenant and product)",
  backend: "postgres",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, [subscriptions]);
    const subscribe = async (organization: string, product: string): Promise<TenantSubscriptionOutcome> => {
      try {
        const inserted = await pool.query(
          "INSERT INTO subscriptions (organization, product, tenant) VALUES ($1, $2, $3) ON CONFLICT (organization, product) DO NOTHING",
          [organization, product, tenantOf(config, organization)],
        );
        return inserted.rowCount === 1 ? "subscribed" : "already-subscribed";
      } catch (error) {
        if (violates(error, "one_per_tenant")) return "tenant-has-product";
        throw error;
      }
    };
    const unsubscribe = async (organization: string, product: string): Promise<TenantSubscriptionOutcome> => {
      const deleted = await pool.query("DELETE FROM subscriptions WHERE organization = $1 AND product = $2", [organization, product]);
      return deleted.rowCount === 0 ? "not-subscribed" : "unsubscribed";
    };
    return {
      execute: ({ _tag, organization, product }) => (_tag === "subscribe" ? subscribe(organization, product) : unsubscribe(organization, product)),
      snapshot: () => readSubscriptions(direct),
    };
  },
});
