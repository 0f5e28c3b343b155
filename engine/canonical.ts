/** JSON with object keys sorted, so that equal values give equal text (used as map keys and for equality). */
export const canonical = (value: unknown): string => plainCanonical(value, 0) ?? sortedJson(value);

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The definition: JSON.stringify with every object's keys sorted on the way. */
const sortedJson = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => byCodeUnits(a, b)))
      : inner,
  );

/** Past this depth (or at a cycle) the definition decides, and throws as JSON does. */
const MAX_DEPTH = 64;

/**
 * The same text for plain data (objects, arrays, strings, numbers, booleans, null), written directly:
 * the linearizability check keys every state it visits by it, and building sorted copies for
 * JSON.stringify dominated. Undefined for anything whose JSON has rules of its own (toJSON, a Map,
 * undefined in an array, a function, a key that looks like an index and so would sort first).
 */
const plainCanonical = (value: unknown, depth: number): string | undefined => {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return JSON.stringify(value);
    case "object":
      break;
    default:
      return undefined;
  }
  if (value === null) return "null";
  if (depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    let text = "[";
    for (let index = 0; index < value.length; index++) {
      const item = plainCanonical(value[index], depth + 1);
      if (item === undefined) return undefined;
      text += index === 0 ? item : `,${item}`;
    }
    return `${text}]`;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype || typeof (value as { toJSON?: unknown }).toJSON === "function") return undefined;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort(byCodeUnits);
  let text = "{";
  for (const key of keys) {
    const code = key.charCodeAt(0);
    if (code >= 48 && code <= 57) return undefined;
    const field = record[key];
    // JSON leaves out a field whose value is undefined.
    if (field === undefined) continue;
    const inner = plainCanonical(field, depth + 1);
    if (inner === undefined) return undefined;
    text += `${text.length === 1 ? "" : ","}${JSON.stringify(key)}:${inner}`;
  }
  return `${text}}`;
};
