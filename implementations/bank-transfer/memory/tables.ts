import type { BankTransferConfig, BankTransferSnapshot } from "../../../model/bank-transfer/types.js";
import { type Account, bankSnapshot, type DepositSlip, emptyAccount, openAccount } from "../account.js";
import { step } from "../../../engine/step.js";
import { Table, type Write } from "../../memory/table.js";

/** A bank that keeps one aggregate per account, and one row per deposit slip. */
export interface AccountTables {
  readonly accounts: Table<Account>;
  readonly slips: Table<DepositSlip>;
  /**
   * Inserts a deposit slip under a fresh id (`d1`, `d2` …, like a database sequence), in one await
   * point: the id is drawn inside the step, which declares every slip (`deposit slip *`) because the
   * order of two inserts decides which slip gets which id.
   */
  readonly insertSlip: (slip: DepositSlip) => Promise<void>;
  /** The same insert as a unit-of-work write: the id is drawn only when the unit of work commits. */
  readonly slipWrite: (slip: DepositSlip) => Write;
  readonly snapshot: () => BankTransferSnapshot;
}

/** Opens every configured account with its opening balance, before the harness takes control. */
export const openAccountTables = async (config: BankTransferConfig): Promise<AccountTables> => {
  const accounts = new Table<Account>("account", emptyAccount);
  const slips = new Table<DepositSlip>("deposit slip", () => ({ account: "", amount: 0 }));
  for (const [id, balance] of Object.entries(config.openingBalances)) await accounts.save(id, openAccount(balance));
  // Drawn only inside a step's action (never between await points), so that the declared accesses
  // cover it: exhaustive mode's reduction relies on that.
  let issued = 0;
  const slipWrite = (slip: DepositSlip): Write => ({
    label: `${slips.noun} (next id) ${JSON.stringify(slip)}`,
    conflicts: () => false,
    apply: () => slips.write(`d${++issued}`, slip, 0).apply(),
    access: { writes: [slips.key("*")] },
  });
  return {
    accounts,
    slips,
    insertSlip: (slip) => {
      const write = slipWrite(slip);
      return step(`insert ${write.label}`, write.apply, () => "", write.access);
    },
    slipWrite,
    snapshot: () =>
      bankSnapshot(
        accounts.entries(),
        slips.entries().map(([, slip]) => slip),
      ),
  };
};
