import type { Pool } from "mysql2";
import type { TenantSubscriptionSnapshot } from "../../../model/tenant-subscription/types.js";
import { rowsOf } from "../../mariadb/transaction.js";

/** Every subscription as `[organization, product]`, in one statement. */
export const readSubscriptions = async (direct: Pool): Promise<TenantSubscriptionSnapshot> => {
  const rows = await rowsOf<{ organization: string; product: string }>(direct.promise(), "SELECT organization, product FROM subscriptions");
  return { subscriptions: rows.map((row) => [row.organization, row.product] as const) };
};
