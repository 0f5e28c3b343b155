import { Schema } from "effect";
import { oneLine } from "../engine/one-line.js";

/** A positive integer given as a flag's text. */
export const PositiveFlag = Schema.NumberFromString.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1));

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
