import type { Pool } from "pg";
import type { BankTransferConfig, BankTransferSnapshot } from "../../../model/bank-transfer/types.js";
import { resetTables, type TableDefinition } from "../../postgres/table-definition.js";

/** Each account's balance and whether it is active: the naive and the conditional-update designs. */
export const accounts: TableDefinition = {
  name: "accounts",
  ddl: "CREATE TABLE accounts (id text PRIMARY KEY, balance int NOT NULL, active boolean NOT NULL DEFAULT true)",
};

/** The same accounts as versioned aggregates: every save bumps `version`. */
export const versionedAccounts: TableDefinition = {
  name: "accounts",
  ddl: "CREATE TABLE accounts (id text PRIMARY KEY, balance int NOT NULL, active boolean NOT NULL DEFAULT true, version int NOT NULL DEFAULT 1)",
};

/** One slip per successful deposit: the cash that came in from outside. */
export const deposits: TableDefinition = {
  name: "deposits",
  ddl: "CREATE TABLE deposits (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, account text NOT NULL, amount int NOT NULL)",
};

/**
 * Empties the bank's tables and opens the scenario's accounts with their opening balances. An id
 * outside the configuration has no row until a command stores one; the designs read a missing row
 * as the model does, an active account opened with nothing.
 */
export const openBank = async (direct: Pool, config: BankTransferConfig, accountTable: TableDefinition): Promise<void> => {
  await resetTables(direct, [accountTable, deposits]);
  const opening = Object.entries(config.openingBalances);
  await direct.query("INSERT INTO accounts (id, balance) SELECT * FROM unnest($1::text[], $2::int[])", [
    opening.map(([id]) => id),
    opening.map(([, balance]) => balance),
  ]);
};

/** Balances, inactive accounts and deposit slips, read in one statement so that they come from one snapshot. */
export const readBank = async (direct: Pool): Promise<BankTransferSnapshot> => {
  const { rows } = await direct.query<BankTransferSnapshot>(`
    SELECT
      (SELECT coalesce(json_agg(json_build_array(id, balance)), '[]') FROM accounts) AS balances,
      (SELECT coalesce(json_agg(id), '[]') FROM accounts WHERE NOT active) AS inactive,
      (SELECT coalesce(json_agg(json_build_array(account, amount)), '[]') FROM deposits) AS deposits`);
  return rows[0] ?? { balances: [], inactive: [], deposits: [] };
};
