import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import {
  type TenantSubscriptionCommand,
  type TenantSubscriptionConfig,
  type TenantSubscriptionOutcome,
  type TenantSubscriptionSnapshot,
  tenantOf,
} from "../../../model/tenant-subscription/types.js";
import { resetTables, type Table } from "../../mariadb/tables.js";
import { affected, errnoOf, retryTransaction } from "../../mariadb/transaction.js";
import { readSubscriptions } from "./tables.js";

/** Each subscription carries its organization's tenant, so that one unique index spans the siblings. */
const subscriptions: Table = {
  name: "subscriptions",
  ddl: `CREATE TABLE subscriptions (organization varchar(20) NOT NULL, product varchar(20) NOT NULL, tenant varchar(20) NOT NULL,
    PRIMARY KEY (organization, product), CONSTRAINT one_per_tenant UNIQUE (tenant, product)) ENGINE=InnoDB`,
};

/** MariaDB names the key only in the message of 1062: "Duplicate entry '…' for key 'one_per_tenant'". */
const duplicateOn = (error: unknown, key: string): boolean =>
  errnoOf(error) === 1062 && String((error as { sqlMessage?: unknown }).sqlMessage).endsWith(`for key '${key}'`);

/**
 * Set validation by the database: a subscription is one INSERT, and the unique index on (tenant,
 * product) refuses a sibling's second one with 1062. InnoDB checks the primary key first, so the
 * organization's own subscription answers `already-subscribed`, as the precedence wants.
 */
export const uniqueIndexTenantSubscriptionOnMariadb = defineImplementation<
  TenantSubscriptionConfig,
  TenantSubscriptionCommand,
  TenantSubscriptionOutcome,
  TenantSubscriptionSnapshot,
  MariadbEnvironment
>({
  family: "tenant-subscription",
  name: "mariadb-subscription-unique-index",
  design: "database constraint (unique index on tenant and product)",
  backend: "mariadb",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, [subscriptions]);
    const db = pool.promise();
    const subscribe = async (organization: string, product: string): Promise<TenantSubscriptionOutcome> => {
      try {
        await db.query("INSERT INTO subscriptions (organization, product, tenant) VALUES (?, ?, ?)", [organization, product, tenantOf(config, organization)]);
        return "subscribed";
      } catch (error) {
        if (duplicateOn(error, "PRIMARY")) return "already-subscribed";
        if (duplicateOn(error, "one_per_tenant")) return "tenant-has-product";
        throw error;
      }
    };
    const unsubscribe = async (organization: string, product: string): Promise<TenantSubscriptionOutcome> =>
      (await affected(db, "DELETE FROM subscriptions WHERE organization = ? AND product = ?", [organization, product])) === 0
        ? "not-subscribed"
        : "unsubscribed";
    return {
      // InnoDB's duplicate checks take next-key locks that can deadlock: run again.
      execute: ({ _tag, organization, product }) =>
        retryTransaction(() => (_tag === "subscribe" ? subscribe(organization, product) : unsubscribe(organization, product))),
      snapshot: () => readSubscriptions(direct),
    };
  },
});
