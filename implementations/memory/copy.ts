/**
 * A deep copy, as `structuredClone` makes it, but fast for the plain data aggregates are made of
 * (objects, arrays, strings, numbers, booleans, null). A table copies on every read and write, and
 * `structuredClone`'s serializer dominated memory runs. Anything else (a Map, a Date, a class
 * instance, an array with holes, one object reached twice) goes through `structuredClone` whole, so
 * the result never differs from its.
 */
export const copy = <T>(value: T): T => {
  const copied = copyPlain(value, []);
  return copied === NOT_PLAIN ? structuredClone(value) : (copied as T);
};

const NOT_PLAIN = Symbol("not plain data");

/** `seen`: the objects copied so far; structuredClone keeps a shared one shared, which this copy would not. */
const copyPlain = (value: unknown, seen: unknown[]): unknown => {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return value;
  if (typeof value === "function" || seen.includes(value)) return NOT_PLAIN;
  seen.push(value);
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype || Object.keys(value).length !== value.length) return NOT_PLAIN;
    const items: unknown[] = [];
    for (const item of value) {
      const copied = copyPlain(item, seen);
      if (copied === NOT_PLAIN) return NOT_PLAIN;
      items.push(copied);
    }
    return items;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return NOT_PLAIN;
  // Like structuredClone: own enumerable string keys, in order; getters read, symbols left out.
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // Assigning `__proto__` would set the prototype where structuredClone makes a field.
    const copied = key === "__proto__" ? NOT_PLAIN : copyPlain((value as Record<string, unknown>)[key], seen);
    if (copied === NOT_PLAIN) return NOT_PLAIN;
    fields[key] = copied;
  }
  return fields;
};
