/**
 * The final outcomes that change the state, per family: a request that ends with one of these took
 * effect, and the stored state must be explained with it; every other outcome is a refusal. (Each
 * family lists its success first among a command's outcomes.)
 */
const successes: Readonly<Record<string, ReadonlyArray<string>>> = {
  assignment: ["joined", "left"],
  "unique-email": ["registered", "changed", "unregistered"],
  "tenant-subscription": ["subscribed", "unsubscribed"],
  "bank-transfer": ["deposited", "transferred", "deactivated"],
  "flight-booking": ["booked", "cancelled"],
};

/** Whether a final outcome of `family` is a success; throws for a family this list does not know. */
export const succeededIn = (family: string): ((outcome: unknown) => boolean) => {
  const list = successes[family];
  if (list === undefined) throw new Error(`no success outcomes are listed for family ${family}`);
  return (outcome) => typeof outcome === "string" && list.includes(outcome);
};
