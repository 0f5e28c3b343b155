import type { BankTransferCommand, BankTransferOutcome } from "../../model/bank-transfer/types.js";
import { type Account, decideDeactivate, decideDeposit, decideTransfer } from "./account.js";

/** How a design reads and writes accounts within one command; its SQL, and so its race, stays in the design. */
export interface AccountRows {
  readonly load: (id: string) => Promise<Account>;
  readonly save: (id: string, account: Account) => Promise<void>;
  /** Records the cash that came in from outside: the deposit's slip. */
  readonly recordDeposit: (account: string, amount: number) => Promise<void>;
}

/**
 * Read-modify-write: load the accounts the command names, decide in the application, and save the
 * balances the decision computed. Nothing here checks that an account is still as loaded.
 */
export const readModifyWrite = async (rows: AccountRows, command: BankTransferCommand): Promise<BankTransferOutcome> => {
  switch (command._tag) {
    case "deposit": {
      const decision = decideDeposit(await rows.load(command.account), command.amount);
      if (decision.outcome !== "deposited") return decision.outcome;
      await rows.save(command.account, decision.account);
      await rows.recordDeposit(command.account, command.amount);
      return decision.outcome;
    }
    case "transfer": {
      const decision = decideTransfer(command.from, await rows.load(command.from), command.to, await rows.load(command.to), command.amount);
      if (decision.outcome !== "transferred") return decision.outcome;
      await rows.save(command.from, decision.payer);
      await rows.save(command.to, decision.payee);
      return decision.outcome;
    }
    case "deactivate": {
      const decision = decideDeactivate(await rows.load(command.account));
      if (decision.outcome !== "deactivated") return decision.outcome;
      await rows.save(command.account, decision.account);
      return decision.outcome;
    }
  }
};
