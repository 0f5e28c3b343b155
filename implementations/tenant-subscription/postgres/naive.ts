import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import {
  organizationsOfTenant,
  type TenantSubscriptionCommand,
  type TenantSubscriptionConfig,
  type TenantSubscriptionOutcome,
  type TenantSubscriptionSnapshot,
} from "../../../model/tenant-subscription/types.js";
import { decideFromHolders } from "../organization.js";
import { resetTables, type TableDefinition } from "../../postgres/table-definition.js";
import { readSubscriptions } from "./tables.js";
import { inTransaction } from "../../postgres/transaction.js";

/** One row per subscription, and no constraint at all: the check is all there is. */
const subscriptions: TableDefinition = {
  name: "subscriptions",
  ddl: "CREATE TABLE subscriptions (organization text NOT NULL, product text NOT NULL)",
};

/**
 * Naive per-organization check at READ COMMITTED: read which of the tenant's organizations hold
 * the product, let the domain service decide, insert or delete. Two sibling organizations that
 * subscribe at once both find the product free, since neither sees the other's row before it
 * commits, and the tenant ends up with it twice.
 */
export const naiveTenantSubscriptionOnPostgres = defineImplementation<
  TenantSubscriptionConfig,
  TenantSubscriptionCommand,
  TenantSubscriptionOutcome,
  TenantSubscriptionSnapshot,
  PostgresEnvironment
>({
  family: "tenant-subscription",
  name: "pg-subscription-naive",
  design: "naive check-then-act per organization, READ COMMITTED",
  backend: "postgres",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, [subscriptions]);
    return {
      execute: (command) =>
        inTransaction(pool, "BEGIN ISOLATION LEVEL READ COMMITTED", async (client) => {
          const { organization, product } = command;
          const tenant = organizationsOfTenant(config, organization);
          const { rows } = await client.query<{ organization: string }>(
            "SELECT organization FROM subscriptions WHERE product = $1 AND organization = ANY($2)",
            [product, tenant],
          );
          const decision = decideFromHolders(
            command,
            tenant,
            rows.map((row) => row.organization),
          );
          if (decision.outcome === "subscribed")
            await client.query("INSERT INTO subscriptions (organization, product) VALUES ($1, $2)", [organization, product]);
          if (decision.outcome === "unsubscribed")
            await client.query("DELETE FROM subscriptions WHERE organization = $1 AND product = $2", [organization, product]);
          return decision.outcome;
        }),
      snapshot: () => readSubscriptions(direct),
    };
  },
});
