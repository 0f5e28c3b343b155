import { defineImplementation } from "../../../engine/implementation.js";
import type { BankTransferCommand, BankTransferConfig, BankTransferOutcome, BankTransferSnapshot, Transfer } from "../../../model/bank-transfer/types.js";
import { decideTransfer } from "../account.js";
import { type AccountTables, openAccountTables } from "./tables.js";
import { deactivateVersioned, depositInUnitOfWork } from "./unit-of-work.js";
import { retryOnConflict } from "../../memory/retry.js";

/** Adds `delta` to a balance atomically (a versioned save, retried): the `balance = balance + $1` of SQL. */
const adjustBalance = ({ accounts }: AccountTables, id: string, delta: number) =>
  retryOnConflict(async () => {
    const account = await accounts.load(id);
    return (await accounts.saveIfVersion(id, { ...account.value, balance: account.value.balance + delta }, account.version)) ? delta : "conflict";
  });

/**
 * The check happens first, the debit and the credit later, each an atomic update of its own. No
 * update is ever lost, but the balance that was checked is not the one that is debited: two
 * transfers from one account both pass the check, and both debits go through.
 */
const transferCheckedFirst = async (bank: AccountTables, { from, to, amount }: Transfer) => {
  const payer = await bank.accounts.load(from);
  const payee = await bank.accounts.load(to);
  const decision = decideTransfer(from, payer.value, to, payee.value, amount);
  if (decision.outcome !== "transferred") return decision.outcome;
  await adjustBalance(bank, from, -amount);
  await adjustBalance(bank, to, amount);
  return decision.outcome;
};

/** A plausible broken design: atomic debit and credit, with the funds check outside them. */
export const checkThenDebitBankTransfer = defineImplementation<BankTransferConfig, BankTransferCommand, BankTransferOutcome, BankTransferSnapshot>({
  family: "bank-transfer",
  name: "transfer-check-then-debit",
  design: "funds checked, then atomic debit and credit",
  backend: "memory",
  claim: "linearizable",
  async create({ config }) {
    const bank = await openAccountTables(config);
    return {
      async execute(command) {
        switch (command._tag) {
          case "deposit":
            return retryOnConflict(() => depositInUnitOfWork(bank, command));
          case "transfer":
            return transferCheckedFirst(bank, command);
          case "deactivate":
            return retryOnConflict(() => deactivateVersioned(bank, command));
        }
      },
      snapshot: bank.snapshot,
    };
  },
});
