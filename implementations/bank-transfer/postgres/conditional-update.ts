import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { BankTransferCommand, BankTransferConfig, BankTransferOutcome, BankTransferSnapshot } from "../../../model/bank-transfer/types.js";
import { type Account, decideTransfer, emptyAccount } from "../account.js";
import { isVersionConflict, VersionConflict } from "../../version-conflict.js";
import { accounts, openBank, readBank } from "./tables.js";
import { inTransaction, retryTransaction } from "../../postgres/transaction.js";

/**
 * Adds `$2` to the balance of account `$1` if it is active, in one statement that reads and writes
 * the row under its lock; an account with no row yet is opened with the amount (as the model opens
 * every account on first use). One row: credited; none: the account is inactive.
 */
const CREDIT = `INSERT INTO accounts AS account (id, balance) VALUES ($1, $2)
  ON CONFLICT (id) DO UPDATE SET balance = account.balance + $2 WHERE account.active`;

/** Deactivates account `$1` if it is active (opening it, inactive, on first use). One row: deactivated. */
const DEACTIVATE = `INSERT INTO accounts AS account (id, balance, active) VALUES ($1, 0, false)
  ON CONFLICT (id) DO UPDATE SET active = false WHERE account.active`;

/**
 * Conditional updates, no balance ever computed in the application: a deposit or a deactivation is
 * one statement whose WHERE clause is the rule. A transfer first locks both accounts in one fixed
 * order (`ORDER BY id … FOR UPDATE`, so two transfers never wait for each other in a cycle) and
 * reads the refusals off the locked rows, in the order of their precedence; then the debit is
 * `balance = balance - $x WHERE … balance >= $x AND active`, and the credit the statement above.
 * Nothing the check read can change before COMMIT.
 */
export const conditionalUpdateBankTransfer = defineImplementation<
  BankTransferConfig,
  BankTransferCommand,
  BankTransferOutcome,
  BankTransferSnapshot,
  PostgresEnvironment
>({
  family: "bank-transfer",
  name: "pg-transfer-conditional-update",
  design: "conditional updates, both accounts locked in id order",
  backend: "postgres",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await openBank(direct, config, accounts);
    const deposit = (account: string, amount: number): Promise<BankTransferOutcome> =>
      inTransaction(pool, "BEGIN", async (client) => {
        if ((await client.query(CREDIT, [account, amount])).rowCount === 0) return "account-inactive";
        await client.query("INSERT INTO deposits (account, amount) VALUES ($1, $2)", [account, amount]);
        return "deposited";
      });
    const transfer = (from: string, to: string, amount: number): Promise<BankTransferOutcome> =>
      inTransaction(pool, "BEGIN", async (client) => {
        const { rows } = await client.query<Account & { id: string }>("SELECT id, balance, active FROM accounts WHERE id = ANY($1) ORDER BY id FOR UPDATE", [
          [from, to],
        ]);
        const locked = (id: string): Account => rows.find((row) => row.id === id) ?? emptyAccount();
        const decision = decideTransfer(from, locked(from), to, locked(to), amount);
        if (decision.outcome !== "transferred") return decision.outcome;
        const debited = await client.query("UPDATE accounts SET balance = balance - $2 WHERE id = $1 AND balance >= $2 AND active", [from, amount]);
        if (debited.rowCount === 0) throw new Error(`the debit of ${from} refused what its locked row allowed`);
        // Only a payee with no row when the lock was taken can have changed since: it was opened inactive meanwhile.
        if ((await client.query(CREDIT, [to, amount])).rowCount === 0) throw new VersionConflict(to);
        return decision.outcome;
      });
    const deactivate = async (account: string): Promise<BankTransferOutcome> =>
      (await pool.query(DEACTIVATE, [account])).rowCount === 0 ? "already-inactive" : "deactivated";
    return {
      execute(command) {
        switch (command._tag) {
          case "deposit":
            return deposit(command.account, command.amount);
          case "transfer":
            return retryTransaction(() => transfer(command.from, command.to, command.amount), isVersionConflict);
          case "deactivate":
            return deactivate(command.account);
        }
      },
      snapshot: () => readBank(direct),
    };
  },
});
