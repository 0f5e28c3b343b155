import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import {
  organizationsOfTenant,
  type TenantSubscriptionCommand,
  type TenantSubscriptionConfig,
  type TenantSubscriptionOutcome,
  type TenantSubscriptionSnapshot,
} from "../../../model/tenant-subscription/types.js";
import { decideFromHolders } from "../organization.js";
import { resetTables, type Table } from "../../mariadb/tables.js";
import { inTransaction, rowsOf } from "../../mariadb/transaction.js";
import { readSubscriptions } from "./tables.js";

/** One row per subscription, and no constraint at all: the check is all there is. */
const subscriptions: Table = {
  name: "subscriptions",
  ddl: "CREATE TABLE subscriptions (organization varchar(20) NOT NULL, product varchar(20) NOT NULL) ENGINE=InnoDB",
};

/**
 * Naive per-organization check at READ COMMITTED: read which of the tenant's organizations hold
 * the product, let the domain service decide, insert or delete. Two sibling organizations that
 * subscribe at once both find the product free.
 */
export const naiveTenantSubscriptionOnMariadb = defineImplementation<
  TenantSubscriptionConfig,
  TenantSubscriptionCommand,
  TenantSubscriptionOutcome,
  TenantSubscriptionSnapshot,
  MariadbEnvironment
>({
  family: "tenant-subscription",
  name: "mariadb-subscription-naive",
  design: "naive check-then-act per organization, READ COMMITTED",
  backend: "mariadb",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, [subscriptions]);
    return {
      execute: (command) =>
        inTransaction(pool, "READ COMMITTED", async (connection) => {
          const { organization, product } = command;
          const tenant = organizationsOfTenant(config, organization);
          const rows = await rowsOf<{ organization: string }>(connection, "SELECT organization FROM subscriptions WHERE product = ? AND organization IN (?)", [
            product,
            tenant,
          ]);
          const decision = decideFromHolders(
            command,
            tenant,
            rows.map((row) => row.organization),
          );
          if (decision.outcome === "subscribed")
            await connection.query("INSERT INTO subscriptions (organization, product) VALUES (?, ?)", [organization, product]);
          if (decision.outcome === "unsubscribed")
            await connection.query("DELETE FROM subscriptions WHERE organization = ? AND product = ?", [organization, product]);
          return decision.outcome;
        }),
      snapshot: () => readSubscriptions(direct),
    };
  },
});
