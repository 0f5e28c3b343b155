import { Schema } from "effect";
import { oneLine } from "../engine/one-line.js";

/**
 * A flag whose value is a decimal integer from `minimum` to `maximum`. Only digits (and a leading
 * minus) are read: `Number()` would take `1e3`, `0x10` or ` 5` and round `1e20`, so a typo would run
 * a different check than the one asked for.
 */
export const integerFlag = (minimum: number, maximum: number = Number.MAX_SAFE_INTEGER) => {
  const within = (text: string): boolean => /^-?\d+$/.test(text) && BigInt(text) >= BigInt(minimum) && BigInt(text) <= BigInt(maximum);
  const expected = maximum === Number.MAX_SAFE_INTEGER ? `a decimal integer of at least ${minimum}` : `a decimal integer from ${minimum} to ${maximum}`;
  return Schema.String.check(Schema.makeFilter(within, { expected })).pipe(Schema.decodeTo(Schema.NumberFromString));
};

/** A positive integer given as a flag's text. */
export const PositiveFlag = integerFlag(1);

/** Zero or more. */
export const NaturalFlag = integerFlag(0);

/**
 * Flags whose value may be a negative number: Node's `parseArgs` reads `--seed -5` as a flag with
 * its value missing (it takes `-5` for an option), so such a pair is joined into `--seed=-5` first.
 */
export const bindNegativeValues = (args: ReadonlyArray<string>, valued: ReadonlySet<string>): ReadonlyArray<string> => {
  const bound: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? "";
    const next = args[index + 1];
    if (valued.has(arg) && next !== undefined && /^-\d/.test(next)) {
      bound.push(`${arg}=${next}`);
      index++;
    } else bound.push(arg);
  }
  return bound;
};

/**
 * Decodes one flag's value with its schema; a bad value becomes the error `reject` builds from a
 * one-line message naming the flag, the value and what was expected.
 */
export const decodeFlag = <T>(flag: string, schema: Schema.Decoder<T>, value: string | undefined, reject: (message: string) => Error): T | undefined => {
  if (value === undefined) return undefined;
  try {
    return Schema.decodeUnknownSync(schema)(value);
  } catch (error) {
    throw reject(`--${flag} ${JSON.stringify(value)}: ${oneLine(error instanceof Error ? error.message : String(error))}`);
  }
};
