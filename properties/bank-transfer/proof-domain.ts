import type { BankTransferCommand, BankTransferConfig } from "../../model/bank-transfer/types.js";

/**
 * The proof domain of the bank-transfer family (4 commands) over the first two accounts a and b and
 * the largest amount m of the pool that a's opening balance pays (so that one transfer can empty it): transfers of m from a to b and from b to a, a deposit of the
 * smallest amount to a, and a deactivation of b.
 * With the bank-transfer scenario (a1: 2, a2: 2, amounts 1 and 2) one transfer of m empties its payer
 * and two overdraw it (the check-then-debit race: the same transfer twice), transfers in both
 * directions and a deposit racing a transfer lose updates in the naive design, and the
 * deactivation races a transfer into the account. Not covered: a third account, other amounts
 * (a fifth command, a transfer of the smallest amount, took the unit-of-work proof to 50 s), deposits
 * to b, deactivating a.
 */
export const bankTransferProofCommands = (config: BankTransferConfig): ReadonlyArray<BankTransferCommand> => {
  const [a, b] = Object.keys(config.openingBalances);
  const most = Math.max(...config.amounts.filter((amount) => amount <= (config.openingBalances[a ?? ""] ?? 0)));
  const least = Math.min(...config.amounts);
  if (a === undefined || b === undefined || !Number.isFinite(most)) throw new Error("the bank-transfer proof domain needs two accounts and an amount");
  return [
    { _tag: "transfer", from: a, to: b, amount: most },
    { _tag: "transfer", from: b, to: a, amount: most },
    { _tag: "deposit", account: a, amount: least },
    { _tag: "deactivate", account: b },
  ];
};

/** What a bank-transfer proof leaves out, for the verdict line. */
export const bankTransferProofGaps = (_config: BankTransferConfig): string =>
  "a third account, other amounts, deposits to the second account, deactivating the first";
