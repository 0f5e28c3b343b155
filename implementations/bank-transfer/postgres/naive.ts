import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { BankTransferCommand, BankTransferConfig, BankTransferOutcome, BankTransferSnapshot } from "../../../model/bank-transfer/types.js";
import { type Account, emptyAccount } from "../account.js";
import { readModifyWrite } from "../read-modify-write.js";
import { accounts, openBank, readBank } from "./tables.js";
import { inTransaction } from "../../postgres/transaction.js";

/**
 * Naive read-modify-write at READ COMMITTED: SELECT the balances, compute the new ones in the
 * application, UPDATE each account to the computed value. Each command is one transaction, so a
 * transfer is never half applied, but READ COMMITTED lets two commands read the same balance: the
 * later UPDATE waits for the earlier one's commit, then overwrites it with a balance computed from
 * what it read before (a lost update), and money appears or vanishes.
 */
export const naiveBankTransferOnPostgres = defineImplementation<
  BankTransferConfig,
  BankTransferCommand,
  BankTransferOutcome,
  BankTransferSnapshot,
  PostgresEnvironment
>({
  family: "bank-transfer",
  name: "pg-transfer-naive",
  design: "naive read-modify-write, READ COMMITTED",
  backend: "postgres",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await openBank(direct, config, accounts);
    return {
      execute: (command) =>
        inTransaction(pool, "BEGIN ISOLATION LEVEL READ COMMITTED", async (client): Promise<BankTransferOutcome> => {
          const load = async (id: string): Promise<Account> => {
            const { rows } = await client.query<Account>("SELECT balance, active FROM accounts WHERE id = $1", [id]);
            return rows[0] ?? emptyAccount();
          };
          const save = async (id: string, { balance, active }: Account): Promise<void> => {
            const updated = await client.query("UPDATE accounts SET balance = $2, active = $3 WHERE id = $1", [id, balance, active]);
            if (updated.rowCount === 0) await client.query("INSERT INTO accounts (id, balance, active) VALUES ($1, $2, $3)", [id, balance, active]);
          };
          const recordDeposit = async (account: string, amount: number): Promise<void> => {
            await client.query("INSERT INTO deposits (account, amount) VALUES ($1, $2)", [account, amount]);
          };
          return readModifyWrite({ load, save, recordDeposit }, command);
        }),
      snapshot: () => readBank(direct),
    };
  },
});
