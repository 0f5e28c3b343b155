import type { BankTransferConfig, BankTransferSnapshot } from "../../model/bank-transfer/types.js";
import { type Account, bankSnapshot, type DepositSlip, emptyAccount, openAccount } from "../bank-transfer/account.js";
import { Table } from "./table.js";

/** A bank that keeps one aggregate per account, and one row per deposit slip. */
export interface AccountTables {
  readonly accounts: Table<Account>;
  readonly slips: Table<DepositSlip>;
  /** A fresh slip id, like a database sequence: never reused, never rolled back. */
  readonly nextSlip: () => string;
  readonly snapshot: () => BankTransferSnapshot;
}

/** Opens every configured account with its opening balance, before the harness takes control. */
export const openAccountTables = async (config: BankTransferConfig): Promise<AccountTables> => {
  const accounts = new Table<Account>("account", emptyAccount);
  const slips = new Table<DepositSlip>("deposit slip", () => ({ account: "", amount: 0 }));
  for (const [id, balance] of Object.entries(config.openingBalances)) await accounts.save(id, openAccount(balance));
  let issued = 0;
  return {
    accounts,
    slips,
    nextSlip: () => `d${++issued}`,
    snapshot: () => bankSnapshot(accounts.entries(), slips.entries().map(([, slip]) => slip)),
  };
};
