import { match } from "ts-pattern";
import { defineImplementation } from "../../../engine/implementation.js";
import type { BankTransferCommand, BankTransferConfig, BankTransferOutcome, BankTransferSnapshot } from "../../../model/bank-transfer/types.js";
import {
  type Account,
  bankSnapshot,
  coversAmount,
  decideDeactivate,
  decideDeposit,
  decideTransfer,
  type DepositSlip,
  emptyAccount,
  type FundsRule,
  openAccount,
} from "../account.js";
import { retryOnConflict } from "../../memory/retry.js";
import { Table } from "../../memory/table.js";

/** The registry aggregate of the bank: every account and every deposit slip in one. */
interface Ledger {
  readonly accounts: Readonly<Record<string, Account>>;
  readonly deposits: ReadonlyArray<DepositSlip>;
}

const BANK = "bank";

/** A command decided inside the ledger, with the ledger after it when it changes anything. */
const decideInLedger = (
  ledger: Ledger,
  command: BankTransferCommand,
  covers: FundsRule,
): { readonly outcome: BankTransferOutcome; readonly ledger?: Ledger } => {
  const accountOf = (id: string): Account => ledger.accounts[id] ?? emptyAccount();
  const withAccounts = (changed: Record<string, Account>, deposits = ledger.deposits): Ledger => ({ accounts: { ...ledger.accounts, ...changed }, deposits });
  return match(command)
    .with({ _tag: "deposit" }, ({ account, amount }) => {
      const decision = decideDeposit(accountOf(account), amount);
      return decision.outcome === "deposited"
        ? { ...decision, ledger: withAccounts({ [account]: decision.account }, [...ledger.deposits, { account, amount }]) }
        : decision;
    })
    .with({ _tag: "transfer" }, ({ from, to, amount }) => {
      const decision = decideTransfer(from, accountOf(from), to, accountOf(to), amount, covers);
      return decision.outcome === "transferred" ? { ...decision, ledger: withAccounts({ [from]: decision.payer, [to]: decision.payee }) } : decision;
    })
    .with({ _tag: "deactivate" }, ({ account }) => {
      const decision = decideDeactivate(accountOf(account));
      return decision.outcome === "deactivated" ? { ...decision, ledger: withAccounts({ [account]: decision.account }) } : decision;
    })
    .exhaustive();
};

/**
 * Registry aggregate: one Ledger owns every account, so a transfer's check and both of its writes
 * are one versioned save, retried on conflict. Correct; every command contends for the ledger.
 * `covers` is the bank's funds rule, a parameter so that wrong rules can be checked too.
 */
export const ledgerUnder = (covers: FundsRule, name: string, design: string) =>
  defineImplementation<BankTransferConfig, BankTransferCommand, BankTransferOutcome, BankTransferSnapshot>({
    family: "bank-transfer",
    name,
    design,
    backend: "memory",
    claim: "linearizable",
    create({ config }) {
      const opening = (): Ledger => ({
        accounts: Object.fromEntries(Object.entries(config.openingBalances).map(([id, balance]) => [id, openAccount(balance)])),
        deposits: [],
      });
      const ledgers = new Table<Ledger>("ledger", opening);
      return {
        execute: (command) =>
          retryOnConflict(async () => {
            const ledger = await ledgers.load(BANK);
            const decided = decideInLedger(ledger.value, command, covers);
            if (decided.ledger === undefined) return decided.outcome;
            return (await ledgers.saveIfVersion(BANK, decided.ledger, ledger.version)) ? decided.outcome : "conflict";
          }),
        snapshot: () => {
          const ledger = ledgers.entries()[0]?.[1] ?? opening();
          return bankSnapshot(Object.entries(ledger.accounts), ledger.deposits);
        },
      };
    },
  });

export const ledgerBankTransfer = ledgerUnder(coversAmount, "transfer-ledger", "registry aggregate (Ledger)");
