import type { AnyFamily } from "../define-family.js";

/**
 * Whether a final outcome of `family` is a success: a request that ends with one took effect, and
 * the stored state must be explained with it; every other outcome is a refusal. Throws for a family
 * that lists none (`successes` in its definition).
 */
export const succeededIn = (family: AnyFamily): ((outcome: unknown) => boolean) => {
  const list: ReadonlyArray<unknown> | undefined = family.successes;
  if (list === undefined || list.length === 0)
    throw new Error(
      `family ${family.name} lists no successes (defineFamily(model, { successes: [...] })), which eventually-consistent designs are checked against`,
    );
  return (outcome) => list.includes(outcome);
};
