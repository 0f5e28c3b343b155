import type { BankTransferSnapshot, DeactivateOutcome, DepositOutcome, TransferOutcome } from "../../model/bank-transfer/types.js";

/** The Account aggregate of the seed. */
export interface Account {
  readonly balance: number;
  readonly active: boolean;
}

/** The record of cash that came in from outside: what the bank's deposits add up to. */
export interface DepositSlip {
  readonly account: string;
  readonly amount: number;
}

export const openAccount = (balance: number): Account => ({ balance, active: true });

/** What a repository hands out for an account it never stored: opened with nothing. */
export const emptyAccount = (): Account => openAccount(0);

export type DepositDecision = { readonly outcome: Exclude<DepositOutcome, "deposited"> } | { readonly outcome: "deposited"; readonly account: Account };

export const decideDeposit = (account: Account, amount: number): DepositDecision =>
  account.active ? { outcome: "deposited", account: { ...account, balance: account.balance + amount } } : { outcome: "account-inactive" };

export type TransferDecision =
  { readonly outcome: Exclude<TransferOutcome, "transferred"> } | { readonly outcome: "transferred"; readonly payer: Account; readonly payee: Account };

/** Whether a balance pays an amount: the bank's funds rule. */
export type FundsRule = (balance: number, amount: number) => boolean;

/** The bank's rule: a balance pays any amount up to all of it. */
export const coversAmount: FundsRule = (balance, amount) => balance >= amount;

/** The domain service that moves money, checking in the order the outcomes take precedence. */
export const decideTransfer = (
  from: string,
  payer: Account,
  to: string,
  payee: Account,
  amount: number,
  covers: FundsRule = coversAmount,
): TransferDecision => {
  if (from === to) return { outcome: "same-account" };
  if (!payer.active) return { outcome: "payer-inactive" };
  if (!payee.active) return { outcome: "payee-inactive" };
  if (!covers(payer.balance, amount)) return { outcome: "insufficient-funds" };
  return { outcome: "transferred", payer: { ...payer, balance: payer.balance - amount }, payee: { ...payee, balance: payee.balance + amount } };
};

export type DeactivateDecision =
  { readonly outcome: Exclude<DeactivateOutcome, "deactivated"> } | { readonly outcome: "deactivated"; readonly account: Account };

export const decideDeactivate = (account: Account): DeactivateDecision =>
  account.active ? { outcome: "deactivated", account: { ...account, active: false } } : { outcome: "already-inactive" };

/** The accounts and deposit slips as the harness reads them. */
export const bankSnapshot = (accounts: ReadonlyArray<readonly [string, Account]>, slips: ReadonlyArray<DepositSlip>): BankTransferSnapshot => ({
  balances: accounts.map(([id, account]) => [id, account.balance] as const),
  inactive: accounts.flatMap(([id, account]) => (account.active ? [] : [id])),
  deposits: slips.map((slip) => [slip.account, slip.amount] as const),
});
