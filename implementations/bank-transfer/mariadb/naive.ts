import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import { defineImplementation, type Implementation } from "../../../engine/implementation.js";
import type { BankTransferCommand, BankTransferConfig, BankTransferOutcome, BankTransferSnapshot } from "../../../model/bank-transfer/types.js";
import { type Account, emptyAccount } from "../account.js";
import { readModifyWrite } from "../read-modify-write.js";
import { inTransaction, type Isolation, retryTransaction, rowsOf } from "../../mariadb/transaction.js";
import { openBank, readBank } from "./tables.js";

type MariadbBankTransfer = Implementation<BankTransferConfig, BankTransferCommand, BankTransferOutcome, BankTransferSnapshot, MariadbEnvironment>;

/**
 * Read-modify-write: SELECT the balances, compute the new ones in the application, UPDATE each
 * account to the computed value, one transaction per command at `isolation`, run again on a
 * deadlock. Whatever the level, InnoDB's UPDATE waits for a concurrent writer of the row and then
 * writes over what that writer committed: the balance computed from the earlier read wins.
 */
const naiveAt = (isolation: Isolation, name: string, design: string): MariadbBankTransfer =>
  defineImplementation<BankTransferConfig, BankTransferCommand, BankTransferOutcome, BankTransferSnapshot, MariadbEnvironment>({
    family: "bank-transfer",
    name,
    design,
    backend: "mariadb",
    claim: "linearizable",
    async create({ config, pool, direct }) {
      await openBank(direct, config);
      const run = (command: BankTransferCommand): Promise<BankTransferOutcome> =>
        inTransaction(pool, isolation, async (connection): Promise<BankTransferOutcome> => {
          const load = async (id: string): Promise<Account> => {
            const [row] = await rowsOf<{ balance: number; active: number }>(connection, "SELECT balance, active FROM accounts WHERE id = ?", [id]);
            return row === undefined ? emptyAccount() : { balance: row.balance, active: row.active === 1 };
          };
          const save = async (id: string, { balance, active }: Account): Promise<void> => {
            await connection.query("UPDATE accounts SET balance = ?, active = ? WHERE id = ?", [balance, active, id]);
          };
          const recordDeposit = async (account: string, amount: number): Promise<void> => {
            await connection.query("INSERT INTO deposits (account, amount) VALUES (?, ?)", [account, amount]);
          };
          return readModifyWrite({ load, save, recordDeposit }, command);
        });
      return { execute: (command) => retryTransaction(() => run(command)), snapshot: () => readBank(direct) };
    },
  });

/** At READ COMMITTED: broken on both engines, each read sees the latest commit and nothing stops the next one. */
export const naiveBankTransferOnMariadb = naiveAt("READ COMMITTED", "mariadb-transfer-naive", "naive read-modify-write, READ COMMITTED");

/**
 * At REPEATABLE READ: still broken on InnoDB. On PostgreSQL, REPEATABLE READ fails the second
 * writer of a row changed since its snapshot with 40001 and a retry makes the design correct;
 * InnoDB's second UPDATE overwrites the row instead (unless `innodb_snapshot_isolation` is ON,
 * when it fails with 1020 and the retry takes it).
 */
export const naiveRepeatableReadBankTransferOnMariadb = naiveAt(
  "REPEATABLE READ",
  "mariadb-transfer-naive-rr",
  "naive read-modify-write, REPEATABLE READ + retry",
);
