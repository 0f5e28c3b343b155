import { expect, test } from "vitest";
import { conditionalUpdateBankTransfer } from "../../implementations/bank-transfer/postgres/conditional-update.js";
import { unitOfWorkBankTransferOnPostgres } from "../../implementations/bank-transfer/postgres/unit-of-work.js";
import { bankTransfer } from "../../model/bank-transfer/scenarios.js";
import type { BankTransferCommand } from "../../model/bank-transfer/types.js";
import { verifyCatalogue } from "../support/catalogue-matrix.js";
import { underEverySchedule } from "./every-schedule.js";
import { sessionLanes } from "./support.js";

const inLane = await sessionLanes(2);

verifyCatalogue("bank-transfer", "postgres", inLane);

const transfer = (from: string, to: string, amount: number): BankTransferCommand => ({ _tag: "transfer", from, to, amount });

test.concurrent.each([conditionalUpdateBankTransfer, unitOfWorkBankTransferOnPostgres])(
  "$name: two opposite transfers never deadlock, under every schedule (accounts taken in id order)",
  async (implementation) => {
    const opposite = { prefix: [], branches: [[transfer("a1", "a2", 2)], [transfer("a2", "a1", 2)]] };
    const results = await underEverySchedule(inLane, bankTransfer, implementation, opposite);
    for (const { failure, outcomes, answers } of results) {
      expect(failure).toBeUndefined();
      expect(outcomes).toEqual(["transferred", "transferred"]);
      expect(answers.filter((answer) => answer.includes("40P01"))).toEqual([]);
    }
    expect(results.some(({ waited }) => waited)).toBe(true);
  },
);
