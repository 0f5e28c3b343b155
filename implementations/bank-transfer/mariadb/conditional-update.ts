import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { BankTransferCommand, BankTransferConfig, BankTransferOutcome, BankTransferSnapshot } from "../../../model/bank-transfer/types.js";
import { type Account, decideTransfer, emptyAccount } from "../account.js";
import { affected, inTransaction, retryTransaction, rowsOf } from "../../mariadb/transaction.js";
import { openBank, readBank } from "./tables.js";

/**
 * Conditional updates, no balance ever computed in the application: a deposit or a deactivation is
 * one UPDATE whose WHERE clause is the rule (every account of the scenario has its row). A transfer
 * first locks both accounts in id order (`ORDER BY id … FOR UPDATE`) and reads the refusals off
 * the locked rows, in the order of their precedence; then the debit is `balance = balance - ?
 * WHERE … balance >= ? AND active` and the credit `balance = balance + ? WHERE … active`.
 */
export const conditionalUpdateBankTransferOnMariadb = defineImplementation<
  BankTransferConfig,
  BankTransferCommand,
  BankTransferOutcome,
  BankTransferSnapshot,
  MariadbEnvironment
>({
  family: "bank-transfer",
  name: "mariadb-transfer-conditional-update",
  design: "conditional updates, both accounts locked in id order",
  backend: "mariadb",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await openBank(direct, config);
    const deposit = (account: string, amount: number): Promise<BankTransferOutcome> =>
      inTransaction(pool, undefined, async (connection) => {
        if ((await affected(connection, "UPDATE accounts SET balance = balance + ? WHERE id = ? AND active", [amount, account])) === 0)
          return "account-inactive";
        await connection.query("INSERT INTO deposits (account, amount) VALUES (?, ?)", [account, amount]);
        return "deposited";
      });
    const transfer = (from: string, to: string, amount: number): Promise<BankTransferOutcome> =>
      inTransaction(pool, undefined, async (connection) => {
        const rows = await rowsOf<{ id: string; balance: number; active: number }>(
          connection,
          "SELECT id, balance, active FROM accounts WHERE id IN (?, ?) ORDER BY id FOR UPDATE",
          [from, to],
        );
        const locked = (id: string): Account => {
          const row = rows.find((candidate) => candidate.id === id);
          return row === undefined ? emptyAccount() : { balance: row.balance, active: row.active === 1 };
        };
        const decision = decideTransfer(from, locked(from), to, locked(to), amount);
        if (decision.outcome !== "transferred") return decision.outcome;
        if ((await affected(connection, "UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ? AND active", [amount, from, amount])) === 0) {
          throw new Error(`the debit of ${from} refused what its locked row allowed`);
        }
        if ((await affected(connection, "UPDATE accounts SET balance = balance + ? WHERE id = ? AND active", [amount, to])) === 0)
          throw new Error(`the credit of ${to} refused what its locked row allowed`);
        return decision.outcome;
      });
    const deactivate = async (account: string): Promise<BankTransferOutcome> =>
      (await affected(pool.promise(), "UPDATE accounts SET active = false WHERE id = ? AND active", [account])) === 0 ? "already-inactive" : "deactivated";
    return {
      execute(command) {
        switch (command._tag) {
          case "deposit":
            return retryTransaction(() => deposit(command.account, command.amount));
          case "transfer":
            return retryTransaction(() => transfer(command.from, command.to, command.amount));
          case "deactivate":
            return retryTransaction(() => deactivate(command.account));
        }
      },
      snapshot: () => readBank(direct),
    };
  },
});
