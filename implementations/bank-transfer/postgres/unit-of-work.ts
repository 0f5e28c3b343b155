import type { PoolClient } from "pg";
import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { BankTransferCommand, BankTransferConfig, BankTransferOutcome, BankTransferSnapshot } from "../../../model/bank-transfer/types.js";
import { type Account, emptyAccount } from "../account.js";
import { versionedUnitOfWork } from "../versioned-unit-of-work.js";
import { isVersionConflict, VersionConflict } from "../../version-conflict.js";
import type { Versioned } from "../../versioned.js";
import { openBank, readBank, versionedAccounts } from "./tables.js";
import { inTransaction, retryTransaction } from "../../postgres/transaction.js";

/** Loads an account with the version it was saved at; one with no row is opened with nothing, at version 0. */
const load = async (client: PoolClient, id: string): Promise<Versioned<Account>> => {
  const { rows } = await client.query<Account & { version: number }>("SELECT balance, active, version FROM accounts WHERE id = $1", [id]);
  const row = rows[0];
  return row === undefined ? { value: emptyAccount(), version: 0 } : { value: { balance: row.balance, active: row.active }, version: row.version };
};

/** Saves an account only if its stored version is still the one loaded; otherwise the unit of work starts over. */
const saveIfVersion = async (client: PoolClient, id: string, { balance, active }: Account, version: number): Promise<void> => {
  const saved =
    version === 0
      ? await client.query("INSERT INTO accounts (id, balance, active) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING", [id, balance, active])
      : await client.query("UPDATE accounts SET balance = $2, active = $3, version = version + 1 WHERE id = $1 AND version = $4", [
          id,
          balance,
          active,
          version,
        ]);
  if (saved.rowCount !== 1) throw new VersionConflict(id);
};

/**
 * Versioned accounts in one unit of work: the accounts a command needs are loaded from one snapshot
 * (REPEATABLE READ), and their versioned saves (plus a deposit's slip) commit together or not at
 * all. A save that finds its version moved on (0 rows, or 40001 when the row changed after the
 * snapshot) rolls everything back and the command starts over; a transfer saves its two accounts
 * in id order, so two opposite transfers conflict instead of deadlocking. A refusal is read from
 * one snapshot too, so it never combines a payer and a payee seen at different moments.
 */
export const unitOfWorkBankTransferOnPostgres = defineImplementation<
  BankTransferConfig,
  BankTransferCommand,
  BankTransferOutcome,
  BankTransferSnapshot,
  PostgresEnvironment
>({
  family: "bank-transfer",
  name: "pg-transfer-unit-of-work",
  design: "versioned aggregates, one unit of work",
  backend: "postgres",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await openBank(direct, config, versionedAccounts);
    const unitOfWork = (command: BankTransferCommand): Promise<BankTransferOutcome> =>
      inTransaction(pool, "BEGIN ISOLATION LEVEL REPEATABLE READ", (client) =>
        versionedUnitOfWork(
          {
            load: (id) => load(client, id),
            saveIfVersion: (id, account, version) => saveIfVersion(client, id, account, version),
            recordDeposit: async (account, amount) => {
              await client.query("INSERT INTO deposits (account, amount) VALUES ($1, $2)", [account, amount]);
            },
          },
          command,
        ),
      );
    return { execute: (command) => retryTransaction(() => unitOfWork(command), isVersionConflict), snapshot: () => readBank(direct) };
  },
});
