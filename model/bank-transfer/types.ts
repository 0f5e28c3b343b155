import { Schema } from "effect";
import type { Implementation } from "../../engine/implementation.js";

/**
 * Family C, transfer between aggregates: money moves between accounts, the payer must have enough
 * and both must be active. Shared with implementations; the rules live in `model.ts`.
 */

/** Whole positive amounts: the scenario says nothing about zero or negative ones, so it does not admit them. */
export const Amount = Schema.Int.check(Schema.isGreaterThan(0));

export const Deposit = Schema.TaggedStruct("deposit", { account: Schema.String, amount: Amount });
export const Transfer = Schema.TaggedStruct("transfer", { from: Schema.String, to: Schema.String, amount: Amount });
export const Deactivate = Schema.TaggedStruct("deactivate", { account: Schema.String });
export type Deposit = typeof Deposit.Type;
export type Transfer = typeof Transfer.Type;
export type Deactivate = typeof Deactivate.Type;
export const BankTransferCommand = Schema.Union([Deposit, Transfer, Deactivate]);
export type BankTransferCommand = typeof BankTransferCommand.Type;

/** Listed in order of precedence: when several failures apply, the first one listed wins. */
export const DepositOutcome = Schema.Literals(["deposited", "account-inactive"]);
export const TransferOutcome = Schema.Literals(["transferred", "same-account", "payer-inactive", "payee-inactive", "insufficient-funds"]);
export const DeactivateOutcome = Schema.Literals(["deactivated", "already-inactive"]);
export type DepositOutcome = typeof DepositOutcome.Type;
export type TransferOutcome = typeof TransferOutcome.Type;
export type DeactivateOutcome = typeof DeactivateOutcome.Type;
export type BankTransferOutcome = DepositOutcome | TransferOutcome | DeactivateOutcome;

const Entry = Schema.Tuple([Schema.String, Schema.Number]);

/**
 * What a bank stores: each account's balance, the inactive accounts, and one `[account, amount]`
 * entry per successful deposit (the cash that came in from outside). The deposits are there so
 * that conservation can be stated on a snapshot; see the invariant in `model.ts` for why a design
 * cannot make it hold by reporting them wrong.
 */
export const BankTransferSnapshot = Schema.Struct({
  balances: Schema.Array(Entry),
  inactive: Schema.Array(Schema.String),
  deposits: Schema.Array(Entry),
});
export type BankTransferSnapshot = typeof BankTransferSnapshot.Type;

export interface BankTransferConfig {
  /** Every account with its opening balance; all are active at start. Also the ids generated commands use. */
  readonly openingBalances: Readonly<Record<string, number>>;
  /** The amounts that generated deposits and transfers use. */
  readonly amounts: ReadonlyArray<number>;
}

export type BankTransferImplementation = Implementation<BankTransferConfig, BankTransferCommand, BankTransferOutcome, BankTransferSnapshot>;
