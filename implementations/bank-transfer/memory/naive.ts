import { defineImplementation } from "../../../engine/implementation.js";
import type { BankTransferCommand, BankTransferConfig, BankTransferOutcome, BankTransferSnapshot } from "../../../model/bank-transfer/types.js";
import { decideDeactivate, decideDeposit, decideTransfer } from "../account.js";
import { openAccountTables } from "./tables.js";

/**
 * Naive read-modify-write: load the accounts, compute the new balances, save each. Two commands
 * that load the same account both save a balance computed from what they read, and the later save
 * wipes out the earlier one's money: a lost update.
 */
export const naiveBankTransfer = defineImplementation<BankTransferConfig, BankTransferCommand, BankTransferOutcome, BankTransferSnapshot>({
  family: "bank-transfer",
  name: "transfer-naive",
  design: "naive read-modify-write",
  backend: "memory",
  claim: "linearizable",
  async create({ config }) {
    const { accounts, insertSlip, snapshot } = await openAccountTables(config);
    return {
      async execute(command) {
        switch (command._tag) {
          case "deposit": {
            const account = await accounts.load(command.account);
            const decision = decideDeposit(account.value, command.amount);
            if (decision.outcome !== "deposited") return decision.outcome;
            await accounts.save(command.account, decision.account);
            await insertSlip({ account: command.account, amount: command.amount });
            return decision.outcome;
          }
          case "transfer": {
            const payer = await accounts.load(command.from);
            const payee = await accounts.load(command.to);
            const decision = decideTransfer(command.from, payer.value, command.to, payee.value, command.amount);
            if (decision.outcome !== "transferred") return decision.outcome;
            await accounts.save(command.from, decision.payer);
            await accounts.save(command.to, decision.payee);
            return decision.outcome;
          }
          case "deactivate": {
            const account = await accounts.load(command.account);
            const decision = decideDeactivate(account.value);
            if (decision.outcome !== "deactivated") return decision.outcome;
            await accounts.save(command.account, decision.account);
            return decision.outcome;
          }
        }
      },
      snapshot,
    };
  },
});
