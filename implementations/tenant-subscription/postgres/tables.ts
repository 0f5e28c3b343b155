import type { Pool } from "pg";
import type { TenantSubscriptionSnapshot } from "../../../model/tenant-subscription/types.js";

/** Every subscription as `[organization, product]`, in one statement. */
export const readSubscriptions = async (direct: Pool): Promise<TenantSubscriptionSnapshot> => {
  const { rows } = await direct.query<{ organization: string; product: string }>("SELECT organization, product FROM subscriptions");
  return { subscriptions: rows.map((row) => [row.organization, row.product] as const) };
};
