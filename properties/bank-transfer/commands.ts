import fc from "fast-check";
import { commandKinds } from "../../engine/random/command-kinds.js";
import type { BankTransferCommand, BankTransferConfig } from "../../model/bank-transfer/types.js";

/**
 * Commands over the scenario's accounts and amounts. Transfers, where money races, come first, and
 * mostly between two different accounts (a transfer to its own payer is refused before anything is
 * read); deactivations are rare, because each one shuts an account for the rest of the run.
 * Written with fast-check directly rather than `commandsFromSchema`: a transfer's two accounts are
 * drawn as one pair, so that the pairs of distinct accounts can outweigh the others.
 */
export const bankTransferCommands = (config: BankTransferConfig): fc.Arbitrary<BankTransferCommand> => {
  const accounts = Object.keys(config.openingBalances);
  const account = fc.constantFrom(...accounts);
  const amount = fc.constantFrom(...config.amounts);
  // The unmapper lets fast-check shrink a transfer it is handed back (random/reshrink.ts), not only one it generated.
  const between = (pairs: ReadonlyArray<readonly [string, string]>) =>
    fc.record({ _tag: fc.constant("transfer" as const), between: fc.constantFrom(...pairs), amount }).map(
      ({ between: [from, to], ...rest }) => ({ ...rest, from, to }),
      (value) => {
        const transfer = value as { readonly _tag?: unknown; readonly from?: unknown; readonly to?: unknown; readonly amount?: unknown };
        const pair = pairs.find(([from, to]) => from === transfer.from && to === transfer.to);
        if (transfer._tag !== "transfer" || pair === undefined) throw new Error("not a transfer between these accounts");
        return { _tag: "transfer" as const, between: pair, amount: transfer.amount as number };
      },
    );
  const pairs = accounts.flatMap((from) => accounts.map((to) => [from, to] as const));
  return commandKinds<BankTransferCommand>(
    { weight: 5, arbitrary: between(pairs.filter(([from, to]) => from !== to)) },
    { weight: 1, arbitrary: between(pairs.filter(([from, to]) => from === to)) },
    { weight: 2, arbitrary: fc.record({ _tag: fc.constant("deposit" as const), account, amount }) },
    { weight: 1, arbitrary: fc.record({ _tag: fc.constant("deactivate" as const), account }) },
  );
};
