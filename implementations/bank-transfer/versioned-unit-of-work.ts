import type { BankTransferCommand, BankTransferOutcome } from "../../model/bank-transfer/types.js";
import type { Versioned } from "../versioned.js";
import { type Account, decideDeactivate, decideDeposit, decideTransfer } from "./account.js";

/** How a design reads and writes versioned accounts within one unit of work; its SQL stays in the design. */
export interface VersionedAccountRows {
  readonly load: (id: string) => Promise<Versioned<Account>>;
  /** Saves only if the account's version is still `version`; otherwise throws `VersionConflict`. */
  readonly saveIfVersion: (id: string, account: Account, version: number) => Promise<void>;
  /** Records the cash that came in from outside: the deposit's slip. */
  readonly recordDeposit: (account: string, amount: number) => Promise<void>;
}

/**
 * One command as a unit of work: load the accounts it names with their versions, decide, and save
 * each changed account only if its version is still the one loaded (plus a deposit's slip). A
 * transfer saves its two accounts in id order, so two opposite transfers conflict instead of
 * deadlocking. The caller commits all of it together, or nothing, and starts over on a conflict.
 */
export const versionedUnitOfWork = async (rows: VersionedAccountRows, command: BankTransferCommand): Promise<BankTransferOutcome> => {
  switch (command._tag) {
    case "deposit": {
      const account = await rows.load(command.account);
      const decision = decideDeposit(account.value, command.amount);
      if (decision.outcome !== "deposited") return decision.outcome;
      await rows.saveIfVersion(command.account, decision.account, account.version);
      await rows.recordDeposit(command.account, command.amount);
      return decision.outcome;
    }
    case "transfer": {
      const { from, to } = command;
      const payer = await rows.load(from);
      const payee = await rows.load(to);
      const decision = decideTransfer(from, payer.value, to, payee.value, command.amount);
      if (decision.outcome !== "transferred") return decision.outcome;
      const saves = [
        [from, decision.payer, payer.version],
        [to, decision.payee, payee.version],
      ] as const;
      for (const [id, account, version] of [...saves].sort(([a], [b]) => (a < b ? -1 : 1))) await rows.saveIfVersion(id, account, version);
      return decision.outcome;
    }
    case "deactivate": {
      const account = await rows.load(command.account);
      const decision = decideDeactivate(account.value);
      if (decision.outcome !== "deactivated") return decision.outcome;
      await rows.saveIfVersion(command.account, decision.account, account.version);
      return decision.outcome;
    }
  }
};
