import { defineImplementation } from "../../../engine/implementation.js";
import type {
  BankTransferCommand,
  BankTransferConfig,
  BankTransferOutcome,
  BankTransferSnapshot,
  Deactivate,
  Deposit,
  Transfer,
} from "../../../model/bank-transfer/types.js";
import { decideDeactivate, decideDeposit, decideTransfer } from "../account.js";
import { type AccountTables, openAccountTables } from "./tables.js";
import { retryOnConflict } from "../../memory/retry.js";
import { commitUnitOfWork } from "../../memory/table.js";

/** The deposit and its slip are committed together, only if the account is still as loaded. */
export const depositInUnitOfWork = async ({ accounts, slipWrite }: AccountTables, { account: id, amount }: Deposit) => {
  const account = await accounts.load(id);
  const decision = decideDeposit(account.value, amount);
  if (decision.outcome !== "deposited") return decision.outcome;
  const committed = await commitUnitOfWork([accounts.write(id, decision.account, account.version), slipWrite({ account: id, amount })]);
  return committed ? decision.outcome : "conflict";
};

export const deactivateVersioned = async ({ accounts }: AccountTables, { account: id }: Deactivate) => {
  const account = await accounts.load(id);
  const decision = decideDeactivate(account.value);
  if (decision.outcome !== "deactivated") return decision.outcome;
  return (await accounts.saveIfVersion(id, decision.account, account.version)) ? decision.outcome : "conflict";
};

/**
 * Both accounts are committed together, only if neither changed since it was loaded. A refusal is
 * checked the same way: it read the two accounts at two moments (the payer active, then the payee
 * deactivated), which may never have been true together.
 */
const transferInUnitOfWork = async ({ accounts }: AccountTables, { from, to, amount }: Transfer) => {
  const payer = await accounts.load(from);
  const payee = await accounts.load(to);
  const decision = decideTransfer(from, payer.value, to, payee.value, amount);
  if (decision.outcome === "same-account") return decision.outcome;
  const writes =
    decision.outcome === "transferred"
      ? [accounts.write(from, decision.payer, payer.version), accounts.write(to, decision.payee, payee.version)]
      : [accounts.unchanged(from, payer.version), accounts.unchanged(to, payee.version)];
  return (await commitUnitOfWork(writes)) ? decision.outcome : "conflict";
};

/** Versioned accounts in one unit of work, retried on conflict: correct. */
export const unitOfWorkBankTransfer = defineImplementation<BankTransferConfig, BankTransferCommand, BankTransferOutcome, BankTransferSnapshot>({
  family: "bank-transfer",
  name: "transfer-unit-of-work",
  design: "versioned aggregates, one unit of work",
  backend: "memory",
  claim: "linearizable",
  async create({ config }) {
    const bank = await openAccountTables(config);
    return {
      execute: (command) =>
        retryOnConflict<BankTransferOutcome>(() => {
          switch (command._tag) {
            case "deposit":
              return depositInUnitOfWork(bank, command);
            case "transfer":
              return transferInUnitOfWork(bank, command);
            case "deactivate":
              return deactivateVersioned(bank, command);
          }
        }),
      snapshot: bank.snapshot,
    };
  },
});
