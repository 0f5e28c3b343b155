import type { Pool } from "mysql2";
import type { BankTransferConfig, BankTransferSnapshot } from "../../../model/bank-transfer/types.js";
import { resetTables, type Table } from "../../mariadb/tables.js";
import { rowsOf } from "../../mariadb/transaction.js";

/** Each account's balance, whether it is active, and the version it was saved at. */
export const accounts: Table = {
  name: "accounts",
  ddl: "CREATE TABLE accounts (id varchar(20) PRIMARY KEY, balance int NOT NULL, active boolean NOT NULL DEFAULT true, version int NOT NULL DEFAULT 1) ENGINE=InnoDB",
};

/** One slip per successful deposit: the cash that came in from outside. */
export const deposits: Table = {
  name: "deposits",
  ddl: "CREATE TABLE deposits (id bigint AUTO_INCREMENT PRIMARY KEY, account varchar(20) NOT NULL, amount int NOT NULL) ENGINE=InnoDB",
};

/** Empties the bank's tables and opens every account of the scenario (the only ids commands use). */
export const openBank = async (direct: Pool, config: BankTransferConfig): Promise<void> => {
  await resetTables(direct, [accounts, deposits]);
  const opening = Object.entries(config.openingBalances);
  if (opening.length > 0) await direct.promise().query("INSERT INTO accounts (id, balance) VALUES ?", [opening]);
};

/** Balances, inactive accounts and deposit slips, read in one statement so that they come from one snapshot. */
export const readBank = async (direct: Pool): Promise<BankTransferSnapshot> => {
  const rows = await rowsOf<{ kind: string; id: string; amount: number }>(
    direct.promise(),
    "SELECT 'balance' AS kind, id, balance AS amount FROM accounts UNION ALL SELECT 'inactive', id, 0 FROM accounts WHERE NOT active UNION ALL SELECT 'deposit', account, amount FROM deposits",
  );
  const of = (kind: string) => rows.filter((row) => row.kind === kind);
  return {
    balances: of("balance").map((row) => [row.id, row.amount] as const),
    inactive: of("inactive").map((row) => row.id),
    deposits: of("deposit").map((row) => [row.id, row.amount] as const),
  };
};
