import { describe, expect, test } from "vitest";
import { preemptionSource } from "../engine/schedule/preemptions.js";
import { execute } from "../engine/execute.js";
import { defineImplementation } from "../engine/implementation.js";
import { step } from "../engine/step.js";
import { checkThenDebitBankTransfer } from "../implementations/bank-transfer/memory/check-then-debit.js";
import { ledgerBankTransfer } from "../implementations/bank-transfer/memory/ledger.js";
import { naiveBankTransfer } from "../implementations/bank-transfer/memory/naive.js";
import { unitOfWorkBankTransfer } from "../implementations/bank-transfer/memory/unit-of-work.js";
import { bankTransferModel } from "../model/bank-transfer/model.js";
import { bankTransfer } from "../model/bank-transfer/scenarios.js";
import type { BankTransferCommand, BankTransferConfig, BankTransferOutcome, BankTransferSnapshot } from "../model/bank-transfer/types.js";
import { inMemory, verifyCatalogue } from "./support/catalogue-matrix.js";

verifyCatalogue("bank-transfer", "memory", inMemory);

const deposit = (account: string, amount: number): BankTransferCommand => ({ _tag: "deposit", account, amount });
const transfer = (from: string, to: string, amount: number): BankTransferCommand => ({ _tag: "transfer", from, to, amount });
const deactivate = (account: string): BankTransferCommand => ({ _tag: "deactivate", account });
/** The model's own fixture, independent of how the scenario is tuned for races. */
const config: BankTransferConfig = { openingBalances: { a1: 2, a2: 1, a3: 0 }, amounts: [1, 2] };

const run = (...commands: ReadonlyArray<BankTransferCommand>) => {
  let state = bankTransferModel.initial(config);
  const outcomes: BankTransferOutcome[] = [];
  for (const command of commands) {
    const next = bankTransferModel.step(state, command, config);
    outcomes.push(next.outcome);
    state = next.state;
  }
  return { outcomes, stored: bankTransferModel.normalize(bankTransferModel.observe(state)) };
};

describe("bank-transfer model", () => {
  test("transfer: same-account, then payer-inactive, then payee-inactive, then insufficient-funds", () => {
    // a1 holds 2, a2 holds 1; every refused transfer asks for more than its payer holds.
    const { outcomes } = run(
      deactivate("a2"),
      transfer("a2", "a2", 5),
      transfer("a2", "a1", 5),
      deactivate("a3"),
      transfer("a1", "a3", 5),
      transfer("a1", "a2", 5),
    );
    expect(outcomes).toEqual(["deactivated", "same-account", "payer-inactive", "deactivated", "payee-inactive", "payee-inactive"]);
    expect(run(transfer("a2", "a1", 2), transfer("a2", "a1", 1)).outcomes).toEqual(["insufficient-funds", "transferred"]);
  });

  test("deposits reach active accounts only, and each successful one is on record", () => {
    const { outcomes, stored } = run(deposit("a3", 2), deactivate("a3"), deactivate("a3"), deposit("a3", 1), transfer("a1", "a2", 2));
    expect(outcomes).toEqual(["deposited", "deactivated", "already-inactive", "account-inactive", "transferred"]);
    expect(stored).toEqual({
      balances: [
        ["a1", 0],
        ["a2", 3],
        ["a3", 2],
      ],
      inactive: ["a3"],
      deposits: [["a3", 2]],
    });
  });

  test("the invariants name an overdrawn account, and money created or lost", () => {
    const [noNegative, conserved] = bankTransferModel.invariants;
    const snapshot: BankTransferSnapshot = {
      balances: [
        ["a1", -1],
        ["a2", 1],
        ["a3", 0],
      ],
      inactive: [],
      deposits: [["a2", 1]],
    };
    expect(noNegative?.violations(snapshot, config)).toEqual(["account a1 holds -1"]);
    expect(conserved?.violations(snapshot, config)).toEqual(["the accounts hold 0, but opening balances 3 plus deposits 1 make 4: 4 lost"]);
    expect(
      conserved?.violations(
        {
          ...snapshot,
          balances: [
            ["a1", 3],
            ["a2", 1],
            ["a3", 0],
          ],
        },
        config,
      ),
    ).toEqual([]);
  });
});

const options = { timeLimitMs: 1_000 };
/** T1 loads both accounts (its check), then T2 runs to the end, then T1 goes on. */
const afterTheCheck = () => preemptionSource([[[{ step: 2, to: 0 }]], []]);
const twoTransfersFromA1 = { prefix: [], branches: [[transfer("a1", "a2", 2)], [transfer("a1", "a3", 2)]] };

describe("races on one account", () => {
  test("check-then-debit: both transfers pass the check and a1 goes below zero", async () => {
    const execution = await execute(bankTransfer, checkThenDebitBankTransfer, twoTransfersFromA1, afterTheCheck(), options);
    expect(execution.failure).toMatchObject({ kind: "invariant", invariant: "no balance below zero", violations: ["account a1 holds -2"] });
  });

  test.each([unitOfWorkBankTransfer, ledgerBankTransfer])("$name: the second transfer finds the money gone", async (implementation) => {
    const execution = await execute(bankTransfer, implementation, twoTransfersFromA1, afterTheCheck(), options);
    expect(execution.failure).toBeUndefined();
    expect(execution.history.operations.map((operation) => operation.outcome).sort()).toEqual(["insufficient-funds", "transferred"]);
  });

  test("naive: a deposit saved over a concurrent transfer's debit creates money", async () => {
    const program = { prefix: [], branches: [[deposit("a1", 1)], [transfer("a1", "a3", 1)]] };
    const execution = await execute(bankTransfer, naiveBankTransfer, program, preemptionSource([[[{ step: 1, to: 0 }]], []]), options);
    expect(execution.failure).toMatchObject({ kind: "invariant", invariant: "money is conserved" });
  });
});

/** Answers `deposited` and stores nothing: its own deposit record agrees with its balances. */
const pocketsDeposits = defineImplementation<BankTransferConfig, BankTransferCommand, BankTransferOutcome, BankTransferSnapshot>({
  ...ledgerBankTransfer,
  name: "pockets-deposits",
  async create(context) {
    const honest = await ledgerBankTransfer.create(context);
    return {
      ...honest,
      execute: async (command) => (command._tag === "deposit" ? step("pocket it", () => "deposited" as const) : honest.execute(command)),
    };
  },
});

describe("conservation cannot be faked", () => {
  test("a bank that drops a deposit and its record keeps the sum, but not the state the history demands", async () => {
    const execution = await execute(bankTransfer, pocketsDeposits, { prefix: [deposit("a1", 1)], branches: [] }, preemptionSource([]), options);
    expect(execution.failure?.kind).toBe("state-not-explained");
  });
});
