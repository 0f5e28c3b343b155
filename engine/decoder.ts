import { type Result, Schema } from "effect";

type Decode<T> = (input: unknown) => Result.Result<T, Schema.SchemaError>;

const decoders = new WeakMap<Schema.Decoder<unknown>, Decode<unknown>>();

/**
 * `Schema.decodeUnknownResult(schema)`, made once per schema: a run decodes a snapshot at every
 * decision and an outcome per command, and building the decoder each time cost more than decoding.
 */
export const decoderOf = <T>(schema: Schema.Decoder<T>): Decode<T> => {
  let decode = decoders.get(schema);
  if (decode === undefined) {
    decode = Schema.decodeUnknownResult(schema);
    decoders.set(schema, decode);
  }
  return decode as Decode<T>;
};
