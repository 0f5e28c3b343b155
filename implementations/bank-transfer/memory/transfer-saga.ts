import { defineEventualImplementation } from "../../../engine/eventual/port.js";
import { step } from "../../../engine/step.js";
import type { BankTransferCommand, BankTransferConfig, BankTransferOutcome, BankTransferSnapshot } from "../../../model/bank-transfer/types.js";
import { outbox, settlement } from "../../memory/outbox.js";
import { retryOnConflict } from "../../memory/retry.js";
import { commitUnitOfWork, Table, type Write } from "../../memory/table.js";

export interface Move {
  readonly request: string;
  readonly from: string;
  readonly to: string;
  readonly amount: number;
}

/** The saga's messages, by topic (shared with the PostgreSQL saga). */
export interface TransferTopics {
  readonly "deposit-requested": { readonly request: string; readonly account: string; readonly amount: number };
  readonly "deactivate-requested": { readonly request: string; readonly account: string };
  readonly "transfer-requested": Move;
  readonly "credit-requested": Move;
  readonly credited: Move;
  readonly "refund-requested": Move;
  readonly "payee-check": Move;
}

/** An account that sends money in steps: what left it and is not yet credited is `outgoing`. */
interface SagaAccount {
  readonly balance: number;
  readonly active: boolean;
  readonly deposits: ReadonlyArray<number>;
  readonly outgoing: ReadonlyArray<Move>;
  readonly handled: ReadonlyArray<string>;
}

/**
 * The transfer saga: debit the payer, publish, credit the payee, or refund the payer if the payee
 * turned out to be inactive. Each step commits one account with its outgoing messages (outbox) and
 * the ids it handled (idempotent). A payer without enough money asks the payee first, because an
 * inactive payee is the answer that takes precedence. Money between debit and credit is in transit:
 * no balance goes below zero at any moment, and conservation holds once nothing is in transit.
 */
export const transferSaga = defineEventualImplementation<BankTransferConfig, BankTransferCommand, BankTransferOutcome, BankTransferSnapshot, TransferTopics>({
  family: "bank-transfer",
  name: "transfer-saga",
  design: "transfer saga",
  backend: "memory",
  keeps: ["no balance below zero"],
  async create({ config, messages }) {
    const accounts = new Table<SagaAccount>("account", () => ({ balance: 0, active: true, deposits: [], outgoing: [], handled: [] }));
    for (const [id, balance] of Object.entries(config.openingBalances))
      await accounts.save(id, { balance, active: true, deposits: [], outgoing: [], handled: [] });

    const onAccount = (
      id: string,
      messageId: string,
      decide: (account: SagaAccount) => { readonly account: SagaAccount; readonly then: ReadonlyArray<Write> },
    ) =>
      retryOnConflict(async () => {
        const { value, version } = await accounts.load(id);
        if (value.handled.includes(messageId)) return "done";
        const { account, then } = decide({ ...value, handled: [...value.handled, messageId] });
        return (await commitUnitOfWork([accounts.write(id, account, version), ...then])) ? "done" : "conflict";
      });
    const arrived = (account: SagaAccount, request: string): SagaAccount => ({
      ...account,
      outgoing: account.outgoing.filter((move) => move.request !== request),
    });

    messages.subscribe("account", {
      "deposit-requested": ({ id, payload: { request, account: accountId, amount } }) =>
        onAccount(accountId, id, (account) =>
          account.active
            ? {
                account: { ...account, balance: account.balance + amount, deposits: [...account.deposits, amount] },
                then: [settlement(messages, request, "deposited")],
              }
            : { account, then: [settlement(messages, request, "account-inactive")] },
        ),
      "deactivate-requested": ({ id, payload: { request, account: accountId } }) =>
        onAccount(accountId, id, (account) =>
          account.active
            ? { account: { ...account, active: false }, then: [settlement(messages, request, "deactivated")] }
            : { account, then: [settlement(messages, request, "already-inactive")] },
        ),
      "transfer-requested": ({ id, payload: move }) =>
        onAccount(move.from, id, (payer) => {
          if (move.from === move.to) return { account: payer, then: [settlement(messages, move.request, "same-account")] };
          if (!payer.active) return { account: payer, then: [settlement(messages, move.request, "payer-inactive")] };
          if (payer.balance < move.amount) return { account: payer, then: [outbox(messages, "payee-check", move)] };
          return {
            account: { ...payer, balance: payer.balance - move.amount, outgoing: [...payer.outgoing, move] },
            then: [outbox(messages, "credit-requested", move)],
          };
        }),
      "payee-check": ({ id, payload: move }) =>
        onAccount(move.to, id, (payee) => ({
          account: payee,
          then: [settlement(messages, move.request, payee.active ? "insufficient-funds" : "payee-inactive")],
        })),
      "credit-requested": ({ id, payload: move }) =>
        onAccount(move.to, id, (payee) =>
          payee.active
            ? { account: { ...payee, balance: payee.balance + move.amount }, then: [outbox(messages, "credited", move)] }
            : { account: payee, then: [outbox(messages, "refund-requested", move)] },
        ),
      credited: ({ id, payload: move }) =>
        onAccount(move.from, id, (payer) => ({ account: arrived(payer, move.request), then: [settlement(messages, move.request, "transferred")] })),
      "refund-requested": ({ id, payload: move }) =>
        onAccount(move.from, id, (payer) => ({
          account: { ...arrived(payer, move.request), balance: payer.balance + move.amount },
          then: [settlement(messages, move.request, "payee-inactive")],
        })),
    });

    return {
      request: (command, request) =>
        step(
          `accept ${request}`,
          () => {
            if (command._tag === "deposit") messages.publish("deposit-requested", { request, account: command.account, amount: command.amount });
            else if (command._tag === "deactivate") messages.publish("deactivate-requested", { request, account: command.account });
            else messages.publish("transfer-requested", { request, from: command.from, to: command.to, amount: command.amount });
          },
          undefined,
          { writes: ["outbox"] },
        ),
      snapshot: () => {
        const all = accounts.entries();
        return {
          state: {
            balances: all.map(([id, account]) => [id, account.balance] as const),
            inactive: all.flatMap(([id, account]) => (account.active ? [] : [id])),
            deposits: all.flatMap(([id, account]) => account.deposits.map((amount) => [id, amount] as const)),
          },
          inFlight: all.flatMap(([, account]) => account.outgoing.map((move) => `${move.amount} in transit from ${move.from} to ${move.to} (${move.request})`)),
        };
      },
    };
  },
});
