import type { PoolConnection } from "mysql2/promise";
import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { BankTransferCommand, BankTransferConfig, BankTransferOutcome, BankTransferSnapshot } from "../../../model/bank-transfer/types.js";
import { type Account, emptyAccount } from "../account.js";
import { versionedUnitOfWork } from "../versioned-unit-of-work.js";
import { isVersionConflict, VersionConflict } from "../../version-conflict.js";
import type { Versioned } from "../../versioned.js";
import { affected, inTransaction, retryTransaction, rowsOf } from "../../mariadb/transaction.js";
import { openBank, readBank } from "./tables.js";

/** Loads an account with the version it was saved at (a plain read, from the transaction's snapshot). */
const load = async (connection: PoolConnection, id: string): Promise<Versioned<Account>> => {
  const [row] = await rowsOf<{ balance: number; active: number; version: number }>(connection, "SELECT balance, active, version FROM accounts WHERE id = ?", [
    id,
  ]);
  return row === undefined ? { value: emptyAccount(), version: 0 } : { value: { balance: row.balance, active: row.active === 1 }, version: row.version };
};

/** Saves an account only if its latest committed version is still the one loaded; otherwise the unit of work starts over. */
const saveIfVersion = async (connection: PoolConnection, id: string, { balance, active }: Account, version: number): Promise<void> => {
  const saved = await affected(connection, "UPDATE accounts SET balance = ?, active = ?, version = version + 1 WHERE id = ? AND version = ?", [
    balance,
    active,
    id,
    version,
  ]);
  if (saved !== 1) throw new VersionConflict(id);
};

/**
 * Versioned accounts in one unit of work at REPEATABLE READ: loads from one snapshot, versioned
 * saves (plus a deposit's slip) committed together or not at all, in id order. Correct on InnoDB
 * although its REPEATABLE READ lets a second writer through: the version check runs in the UPDATE,
 * which reads the latest committed row, not the snapshot.
 */
export const unitOfWorkBankTransferOnMariadb = defineImplementation<
  BankTransferConfig,
  BankTransferCommand,
  BankTransferOutcome,
  BankTransferSnapshot,
  MariadbEnvironment
>({
  family: "bank-transfer",
  name: "mariadb-transfer-unit-of-work",
  design: "versioned aggregates, one unit of work",
  backend: "mariadb",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await openBank(direct, config);
    const unitOfWork = (command: BankTransferCommand): Promise<BankTransferOutcome> =>
      inTransaction(pool, "REPEATABLE READ", (connection) =>
        versionedUnitOfWork(
          {
            load: (id) => load(connection, id),
            saveIfVersion: (id, account, version) => saveIfVersion(connection, id, account, version),
            recordDeposit: async (account, amount) => {
              await connection.query("INSERT INTO deposits (account, amount) VALUES (?, ?)", [account, amount]);
            },
          },
          command,
        ),
      );
    return { execute: (command) => retryTransaction(() => unitOfWork(command), isVersionConflict), snapshot: () => readBank(direct) };
  },
});
