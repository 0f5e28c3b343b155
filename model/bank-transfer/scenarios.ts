import type { Scenario } from "../../engine/reference-model.js";
import { type BankTransferState, bankTransferModel } from "./model.js";
import type { BankTransferCommand, BankTransferConfig, BankTransferOutcome, BankTransferSnapshot } from "./types.js";

export type BankTransferScenario = Scenario<BankTransferConfig, BankTransferState, BankTransferCommand, BankTransferOutcome, BankTransferSnapshot>;

export const bankTransfer: BankTransferScenario = {
  name: "bank-transfer",
  summary: "money moves between accounts: the payer must have enough, both must be active, nothing is created or lost",
  model: bankTransferModel,
  // Balances that one transfer of the generated amounts can empty and two can overdraw.
  config: { openingBalances: { a1: 2, a2: 2, a3: 1 }, amounts: [1, 2] },
};

/**
 * Larger sums where insufficient funds is decided on the exact amount: a1 pays exactly its 100 and
 * not 101, a2 its 50 and not 51. A funds check with `>` instead of `>=`, or one that forgets the
 * amount already on its way, answers one transfer wrongly, even sequentially.
 */
export const exactBalance: BankTransferScenario = {
  name: "exact-balance",
  summary: "money moves between accounts whose balances equal the amounts transferred, to the unit",
  model: bankTransferModel,
  config: { openingBalances: { a1: 100, a2: 50, a3: 0 }, amounts: [100, 50, 101, 51] },
};

export const bankTransferScenarios: ReadonlyArray<BankTransferScenario> = [bankTransfer, exactBalance];
