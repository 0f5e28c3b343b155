import type { PoolClient } from "pg";
import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineEventualImplementation } from "../../../engine/eventual/port.js";
import type { BankTransferCommand, BankTransferConfig, BankTransferOutcome, BankTransferSnapshot } from "../../../model/bank-transfer/types.js";
import { inOutboxTransaction, type OutboxWriter, outboxTables, publishAlone, restartOutbox, subscribeRelay, UNRELAYED } from "../../postgres/outbox.js";
import { resetTables } from "../../postgres/table-definition.js";
import type { Move, TransferTopics } from "../memory/transfer-saga.js";

/** An account row: money that left it and is not yet credited is in `outgoing`. */
interface AccountRow {
  readonly balance: number;
  readonly active: boolean;
  readonly deposits: ReadonlyArray<number>;
  readonly outgoing: ReadonlyArray<Move>;
}

const sagaAccounts = {
  name: "saga_accounts",
  ddl: "CREATE TABLE saga_accounts (id text PRIMARY KEY, balance int NOT NULL, active boolean NOT NULL DEFAULT true, deposits int[] NOT NULL DEFAULT '{}', outgoing jsonb NOT NULL DEFAULT '[]')",
};

type Writer = OutboxWriter<BankTransferOutcome, TransferTopics>;
type Then = ReadonlyArray<(writer: Writer) => Promise<void>>;

const loadAccount = async (client: PoolClient, id: string): Promise<AccountRow> => {
  const { rows } = await client.query<AccountRow>("SELECT balance, active, deposits, outgoing FROM saga_accounts WHERE id = $1 FOR UPDATE", [id]);
  return rows[0] ?? { balance: 0, active: true, deposits: [], outgoing: [] };
};

/**
 * The transfer saga on PostgreSQL: debit the payer, publish, credit the payee, or refund the payer
 * if the payee is inactive. Each handler locks one account row and commits it with its outbox rows
 * and the id of the message it handled. Money between debit and credit is the payer's `outgoing`:
 * in transit, reported in flight, so conservation holds once nothing is in transit.
 */
export const transferSagaOnPostgres = defineEventualImplementation<
  BankTransferConfig,
  BankTransferCommand,
  BankTransferOutcome,
  BankTransferSnapshot,
  TransferTopics,
  PostgresEnvironment
>({
  family: "bank-transfer",
  name: "pg-transfer-saga",
  design: "transfer saga",
  backend: "postgres",
  keeps: ["no balance below zero"],
  async create({ config, messages, pool, direct }) {
    await resetTables(direct, [...outboxTables, sagaAccounts]);
    await restartOutbox(direct);
    const opening = Object.entries(config.openingBalances);
    await direct.query("INSERT INTO saga_accounts (id, balance) SELECT * FROM unnest($1::text[], $2::int[])", [
      opening.map(([id]) => id),
      opening.map(([, balance]) => balance),
    ]);
    subscribeRelay(pool, messages);

    const onAccount = (id: string, message: string, decide: (account: AccountRow) => { readonly account: AccountRow; readonly then: Then }) =>
      inOutboxTransaction(pool, messages, { consumer: "account", message }, async (writer) => {
        const { account, then } = decide(await loadAccount(writer.client, id));
        await writer.client.query("UPDATE saga_accounts SET balance = $2, active = $3, deposits = $4, outgoing = $5 WHERE id = $1", [
          id,
          account.balance,
          account.active,
          account.deposits,
          JSON.stringify(account.outgoing),
        ]);
        for (const write of then) await write(writer);
      });
    const arrived = (account: AccountRow, request: string): AccountRow => ({
      ...account,
      outgoing: account.outgoing.filter((move) => move.request !== request),
    });
    const settle =
      (request: string, outcome: BankTransferOutcome) =>
      (writer: Writer): Promise<void> =>
        writer.settle(request, outcome);

    messages.subscribe("account", {
      "deposit-requested": ({ id, payload: { request, account: accountId, amount } }) =>
        onAccount(accountId, id, (account) =>
          account.active
            ? { account: { ...account, balance: account.balance + amount, deposits: [...account.deposits, amount] }, then: [settle(request, "deposited")] }
            : { account, then: [settle(request, "account-inactive")] },
        ),
      "deactivate-requested": ({ id, payload: { request, account: accountId } }) =>
        onAccount(accountId, id, (account) =>
          account.active
            ? { account: { ...account, active: false }, then: [settle(request, "deactivated")] }
            : { account, then: [settle(request, "already-inactive")] },
        ),
      "transfer-requested": ({ id, payload: move }) =>
        onAccount(move.from, id, (payer) => {
          if (move.from === move.to) return { account: payer, then: [settle(move.request, "same-account")] };
          if (!payer.active) return { account: payer, then: [settle(move.request, "payer-inactive")] };
          // An inactive payee takes precedence over missing funds: ask the payee before refusing.
          if (payer.balance < move.amount) return { account: payer, then: [(writer) => writer.publish("payee-check", move)] };
          return {
            account: { ...payer, balance: payer.balance - move.amount, outgoing: [...payer.outgoing, move] },
            then: [(writer) => writer.publish("credit-requested", move)],
          };
        }),
      "payee-check": ({ id, payload: move }) =>
        onAccount(move.to, id, (payee) => ({ account: payee, then: [settle(move.request, payee.active ? "insufficient-funds" : "payee-inactive")] })),
      "credit-requested": ({ id, payload: move }) =>
        onAccount(move.to, id, (payee) =>
          payee.active
            ? { account: { ...payee, balance: payee.balance + move.amount }, then: [(writer) => writer.publish("credited", move)] }
            : { account: payee, then: [(writer) => writer.publish("refund-requested", move)] },
        ),
      credited: ({ id, payload: move }) =>
        onAccount(move.from, id, (payer) => ({ account: arrived(payer, move.request), then: [settle(move.request, "transferred")] })),
      "refund-requested": ({ id, payload: move }) =>
        onAccount(move.from, id, (payer) => ({
          account: { ...arrived(payer, move.request), balance: payer.balance + move.amount },
          then: [settle(move.request, "payee-inactive")],
        })),
    });

    return {
      request: (command, request) =>
        command._tag === "deposit"
          ? publishAlone(pool, messages, "deposit-requested", { request, account: command.account, amount: command.amount })
          : command._tag === "deactivate"
            ? publishAlone(pool, messages, "deactivate-requested", { request, account: command.account })
            : publishAlone(pool, messages, "transfer-requested", { request, from: command.from, to: command.to, amount: command.amount }),
      snapshot: async () => {
        const { rows } = await direct.query<{
          balances: Array<[string, number]>;
          inactive: string[];
          deposits: Array<[string, number]>;
          transit: string[];
          unrelayed: string[];
        }>(`
          SELECT
            (SELECT coalesce(json_agg(json_build_array(id, balance) ORDER BY id), '[]') FROM saga_accounts) AS balances,
            (SELECT coalesce(json_agg(id ORDER BY id), '[]') FROM saga_accounts WHERE NOT active) AS inactive,
            (SELECT coalesce(json_agg(json_build_array(id, d) ORDER BY id), '[]') FROM saga_accounts, unnest(deposits) AS d) AS deposits,
            (SELECT coalesce(json_agg(format('%s in transit from %s to %s (%s)', m->>'amount', m->>'from', m->>'to', m->>'request') ORDER BY id), '[]')
               FROM saga_accounts, jsonb_array_elements(outgoing) AS m) AS transit,
            ${UNRELAYED} AS unrelayed`);
        const row = rows[0];
        return {
          state: { balances: row?.balances ?? [], inactive: row?.inactive ?? [], deposits: row?.deposits ?? [] },
          inFlight: [...(row?.transit ?? []), ...(row?.unrelayed ?? [])],
        };
      },
    };
  },
});
