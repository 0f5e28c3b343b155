import type { PoolClient } from "pg";
import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineEventualImplementation } from "../../../engine/eventual/port.js";
import {
  organizationsOfTenant,
  type TenantSubscriptionCommand,
  type TenantSubscriptionConfig,
  type TenantSubscriptionOutcome,
  type TenantSubscriptionSnapshot,
} from "../../../model/tenant-subscription/types.js";
import { inOutboxTransaction, outboxTables, publishAlone, restartOutbox, subscribeRelay, UNRELAYED } from "../../postgres/outbox.js";
import { resetTables } from "../../postgres/table-definition.js";
import type { ChargeBackTopics } from "../memory/subscribe-then-charge-back.js";

const tables = [
  ...outboxTables,
  { name: "chargeback_organizations", ddl: "CREATE TABLE chargeback_organizations (id text PRIMARY KEY)" },
  {
    name: "chargeback_subscriptions",
    ddl: "CREATE TABLE chargeback_subscriptions (organization text NOT NULL, product text NOT NULL, taken int NOT NULL, confirmed boolean NOT NULL DEFAULT false, PRIMARY KEY (organization, product))",
  },
  { name: "chargeback_takings", ddl: "CREATE TABLE chargeback_takings (id int PRIMARY KEY, last int NOT NULL)" },
];

/**
 * The seeds' "each organization subscribes and notifies the others, charging back redundant ones" on
 * PostgreSQL: an organization takes the subscription on its own row, numbered from a counter row
 * held until its commit (numbers follow the commits), and announces it through the outbox; on the
 * announcement the tenant's other organizations are read, and if one of them took the product
 * earlier, this one is charged back (`tenant-has-product`). The rule holds at rest only.
 */
export const subscribeThenChargeBackOnPostgres = defineEventualImplementation<
  TenantSubscriptionConfig,
  TenantSubscriptionCommand,
  TenantSubscriptionOutcome,
  TenantSubscriptionSnapshot,
  ChargeBackTopics,
  PostgresEnvironment
>({
  family: "tenant-subscription",
  name: "pg-subscribe-then-charge-back",
  design: "subscribe then charge back",
  backend: "postgres",
  keeps: [],
  async create({ config, messages, pool, direct }) {
    await resetTables(direct, tables);
    await restartOutbox(direct);
    await direct.query("INSERT INTO chargeback_organizations (id) SELECT unnest($1::text[])", [Object.values(config.tenants).flat()]);
    await direct.query("INSERT INTO chargeback_takings VALUES (1, 0)");
    subscribeRelay(pool, messages);

    /** Locks the organization's row: its subscriptions change only under it. */
    const lockOrganization = (client: PoolClient, organization: string) =>
      client.query("INSERT INTO chargeback_organizations (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET id = excluded.id", [organization]);

    messages.subscribe("organizations", {
      "subscription-requested": ({ id, payload }) =>
        inOutboxTransaction(pool, messages, { consumer: "organizations", message: id }, async ({ client, publish, settle }) => {
          await lockOrganization(client, payload.organization);
          const { rowCount } = await client.query("SELECT 1 FROM chargeback_subscriptions WHERE organization = $1 AND product = $2", [
            payload.organization,
            payload.product,
          ]);
          if (rowCount !== 0) return settle(payload.request, "already-subscribed");
          // Held until the commit: the next subscription draws its number after this one committed.
          await client.query("UPDATE chargeback_takings SET last = last + 1 WHERE id = 1");
          await client.query("INSERT INTO chargeback_subscriptions (organization, product, taken) SELECT $1, $2, last FROM chargeback_takings WHERE id = 1", [
            payload.organization,
            payload.product,
          ]);
          await publish("subscription-announced", payload);
        }),
      "unsubscription-requested": ({ id, payload }) =>
        inOutboxTransaction(pool, messages, { consumer: "organizations", message: id }, async ({ client, settle }) => {
          await lockOrganization(client, payload.organization);
          const { rowCount } = await client.query("DELETE FROM chargeback_subscriptions WHERE organization = $1 AND product = $2 AND confirmed", [
            payload.organization,
            payload.product,
          ]);
          await settle(payload.request, rowCount === 0 ? "not-subscribed" : "unsubscribed");
        }),
    });

    messages.subscribe("siblings", {
      "subscription-announced": async ({ id, payload }) => {
        const siblings = organizationsOfTenant(config, payload.organization).filter((sibling) => sibling !== payload.organization);
        const { rows: holders } = await pool.query<{ taken: number }>(
          "SELECT taken FROM chargeback_subscriptions WHERE organization = ANY($1) AND product = $2",
          [siblings, payload.product],
        );
        await inOutboxTransaction(pool, messages, { consumer: "siblings", message: id }, async ({ client, settle }) => {
          await lockOrganization(client, payload.organization);
          const { rows } = await client.query<{ taken: number }>("SELECT taken FROM chargeback_subscriptions WHERE organization = $1 AND product = $2", [
            payload.organization,
            payload.product,
          ]);
          const mine = rows[0];
          if (mine === undefined) return;
          if (holders.some((sibling) => sibling.taken < mine.taken)) {
            await client.query("DELETE FROM chargeback_subscriptions WHERE organization = $1 AND product = $2", [payload.organization, payload.product]);
            return settle(payload.request, "tenant-has-product");
          }
          await client.query("UPDATE chargeback_subscriptions SET confirmed = true WHERE organization = $1 AND product = $2", [
            payload.organization,
            payload.product,
          ]);
          await settle(payload.request, "subscribed");
        });
      },
    });

    return {
      request: (command, request) =>
        publishAlone(pool, messages, command._tag === "subscribe" ? "subscription-requested" : "unsubscription-requested", {
          request,
          organization: command.organization,
          product: command.product,
        }),
      snapshot: async () => {
        const { rows } = await direct.query<{ subscriptions: Array<[string, string]>; waiting: string[]; unrelayed: string[] }>(`
          SELECT
            (SELECT coalesce(json_agg(json_build_array(organization, product) ORDER BY organization, product), '[]') FROM chargeback_subscriptions) AS subscriptions,
            (SELECT coalesce(json_agg(format('subscription of %s to %s awaiting its siblings'' check', organization, product) ORDER BY organization, product), '[]')
               FROM chargeback_subscriptions WHERE NOT confirmed) AS waiting,
            ${UNRELAYED} AS unrelayed`);
        const row = rows[0];
        return { state: { subscriptions: row?.subscriptions ?? [] }, inFlight: [...(row?.waiting ?? []), ...(row?.unrelayed ?? [])] };
      },
    };
  },
});
