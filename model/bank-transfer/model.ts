import { match } from "ts-pattern";
import type { Invariant, ReferenceModel } from "../../engine/reference-model.js";
import {
  BankTransferCommand,
  type BankTransferConfig,
  type BankTransferOutcome,
  BankTransferSnapshot,
  DeactivateOutcome,
  DepositOutcome,
  TransferOutcome,
} from "./types.js";

interface Account {
  readonly balance: number;
  readonly active: boolean;
}

/** Every account, and every successful deposit in the order it happened. */
export interface BankTransferState {
  readonly accounts: Readonly<Record<string, Account>>;
  readonly deposits: ReadonlyArray<readonly [account: string, amount: number]>;
}

/** An id outside the configuration is an account opened with nothing, as every account is on first use. */
const accountOf = (state: BankTransferState, id: string): Account => state.accounts[id] ?? { balance: 0, active: true };

const withAccounts = (state: BankTransferState, changed: Readonly<Record<string, Account>>): BankTransferState => ({
  ...state,
  accounts: { ...state.accounts, ...changed },
});

const deposit = (state: BankTransferState, id: string, amount: number) => {
  const account = accountOf(state, id);
  if (!account.active) return { outcome: "account-inactive" as const, state };
  const next = withAccounts(state, { [id]: { ...account, balance: account.balance + amount } });
  return { outcome: "deposited" as const, state: { ...next, deposits: [...state.deposits, [id, amount] as const] } };
};

const transfer = (state: BankTransferState, from: string, to: string, amount: number) => {
  const payer = accountOf(state, from);
  const payee = accountOf(state, to);
  const outcome: TransferOutcome =
    from === to
      ? "same-account"
      : !payer.active
        ? "payer-inactive"
        : !payee.active
          ? "payee-inactive"
          : payer.balance < amount
            ? "insufficient-funds"
            : "transferred";
  if (outcome !== "transferred") return { outcome, state };
  return {
    outcome,
    state: withAccounts(state, { [from]: { ...payer, balance: payer.balance - amount }, [to]: { ...payee, balance: payee.balance + amount } }),
  };
};

const deactivate = (state: BankTransferState, id: string) => {
  const account = accountOf(state, id);
  return account.active
    ? { outcome: "deactivated" as const, state: withAccounts(state, { [id]: { ...account, active: false } }) }
    : { outcome: "already-inactive" as const, state };
};

const sum = (entries: ReadonlyArray<readonly [string, number]>): number => entries.reduce((total, [, amount]) => total + amount, 0);

const invariants: ReadonlyArray<Invariant<BankTransferConfig, BankTransferSnapshot>> = [
  {
    name: "no balance below zero",
    when: "always",
    violations: (snapshot) => snapshot.balances.filter(([, balance]) => balance < 0).map(([account, balance]) => `account ${account} holds ${balance}`),
  },
  {
    // The deposits come from the snapshot, yet this cannot be faked: at rest the engine also checks
    // that the stored state, deposits included, is the model's state after an order of the history
    // that explains every outcome, and that state holds exactly the deposits that answered
    // `deposited`. Both checks together say: balances = opening total + successful deposits.
    // At rest only: money between the two steps of one transfer is in transit, not lost.
    name: "money is conserved",
    when: "at-rest",
    violations: (snapshot, config) => {
      const opening = sum(Object.entries(config.openingBalances));
      const deposited = sum(snapshot.deposits);
      const held = sum(snapshot.balances);
      if (held === opening + deposited) return [];
      return [
        `the accounts hold ${held}, but opening balances ${opening} plus deposits ${deposited} make ${opening + deposited}: ${Math.abs(held - opening - deposited)} ${held > opening + deposited ? "created" : "lost"}`,
      ];
    },
  },
];

const byFirst = <T extends readonly [string, ...unknown[]]>(entries: ReadonlyArray<T>): ReadonlyArray<T> =>
  [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : Number(a[1]) - Number(b[1])));

export const bankTransferModel: ReferenceModel<BankTransferConfig, BankTransferState, BankTransferCommand, BankTransferOutcome, BankTransferSnapshot> = {
  family: "bank-transfer",
  command: BankTransferCommand,
  outcomeOf: (command) =>
    match(command)
      .with({ _tag: "deposit" }, () => DepositOutcome)
      .with({ _tag: "transfer" }, () => TransferOutcome)
      .with({ _tag: "deactivate" }, () => DeactivateOutcome)
      .exhaustive(),
  snapshot: BankTransferSnapshot,
  normalize: (snapshot) => ({ balances: byFirst(snapshot.balances), inactive: [...snapshot.inactive].sort(), deposits: byFirst(snapshot.deposits) }),
  initial: (config) => ({
    accounts: Object.fromEntries(Object.entries(config.openingBalances).map(([id, balance]) => [id, { balance, active: true }])),
    deposits: [],
  }),
  step: (state, command) =>
    match(command)
      .with({ _tag: "deposit" }, ({ account, amount }) => deposit(state, account, amount))
      .with({ _tag: "transfer" }, ({ from, to, amount }) => transfer(state, from, to, amount))
      .with({ _tag: "deactivate" }, ({ account }) => deactivate(state, account))
      .exhaustive(),
  observe: (state) => ({
    balances: Object.entries(state.accounts).map(([id, account]) => [id, account.balance] as const),
    inactive: Object.entries(state.accounts).flatMap(([id, account]) => (account.active ? [] : [id])),
    deposits: state.deposits,
  }),
  invariants,
  describe: (command) =>
    match(command)
      .with({ _tag: "deposit" }, ({ account, amount }) => `deposit(${account}, ${amount})`)
      .with({ _tag: "transfer" }, ({ from, to, amount }) => `transfer(${from}, ${to}, ${amount})`)
      .with({ _tag: "deactivate" }, ({ account }) => `deactivate(${account})`)
      .exhaustive(),
};
