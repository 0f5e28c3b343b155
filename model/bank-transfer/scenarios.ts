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

export const bankTransferScenarios: ReadonlyArray<BankTransferScenario> = [bankTransfer];
