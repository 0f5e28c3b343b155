/**
 * Contention as a knob. "Hot": every worker's commands fall on the scenario's own handful of ids (two
 * or three groups), so they contend all the time. "Spread": the id domain is laid out `copies` times
 * side by side (`1~g1`, `2~g1`, …), each copy a scenario of its own with the same limits, and every
 * command falls in one copy: commands in different copies touch disjoint ids and never contend.
 *
 * The copies are derived from the data alone, so a team's own family gets the knob for free: an id is
 * a string that the family's generated commands carry (every string field but `_tag`); the
 * configuration is copied wherever it names one (in an array, as a record key, or in a record entry's
 * value, whose key is then copied with it: a tenant and its organizations).
 */

/** Where a copy's tag goes: after leading blanks, so that ids that collide once trimmed and lower-cased still collide within a copy. */
const tagged = (id: string, copy: number): string => {
  const lead = /^\s*/.exec(id)?.[0] ?? "";
  return `${lead}${copy}~${id.slice(lead.length)}`;
};

/** The ids a family's commands carry: every string field but the tag. */
export const idsIn = (commands: ReadonlyArray<unknown>): ReadonlySet<string> => {
  const ids = new Set<string>();
  for (const command of commands) {
    if (typeof command !== "object" || command === null) continue;
    for (const [field, value] of Object.entries(command)) if (field !== "_tag" && typeof value === "string") ids.add(value);
  }
  return ids;
};

/** Whether a piece of configuration names one of `ids`, at any depth. */
const mentions = (value: unknown, ids: ReadonlySet<string>): boolean => {
  if (typeof value === "string") return ids.has(value);
  if (Array.isArray(value)) return value.some((item) => mentions(item, ids));
  if (typeof value === "object" && value !== null) return Object.entries(value).some(([key, item]) => ids.has(key) || mentions(item, ids));
  return false;
};

/** `value` as it reads in copy `copy`: every id in it tagged, everything else as it is. */
const inCopy = (value: unknown, ids: ReadonlySet<string>, copy: number): unknown => {
  if (typeof value === "string") return ids.has(value) ? tagged(value, copy) : value;
  if (Array.isArray(value)) return value.map((item) => inCopy(item, ids, copy));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [ids.has(key) ? tagged(key, copy) : key, inCopy(item, ids, copy)]));
  return value;
};

const range = (count: number): ReadonlyArray<number> => Array.from({ length: count }, (_, index) => index + 1);

/** The configuration laid out `copies` times: arrays of ids hold every copy's ids, records every copy's entries. */
const copiedConfig = (config: unknown, ids: ReadonlySet<string>, copies: number): unknown => {
  if (Array.isArray(config)) return mentions(config, ids) ? range(copies).flatMap((copy) => config.map((item) => inCopy(item, ids, copy))) : config;
  if (typeof config !== "object" || config === null) return config;
  const entries: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(config)) {
    if (Array.isArray(value) || !isRecordOfIds(value, ids)) entries.push([key, copiedConfig(value, ids, copies)]);
    else entries.push([key, Object.fromEntries(Object.entries(value).flatMap(([entry, item]) => copiedEntry(entry, item, ids, copies)))]);
  }
  return Object.fromEntries(entries);
};

/** A record some of whose entries name ids (`openingBalances`, `tenants`), as opposed to a record of settings (`nouns`). */
const isRecordOfIds = (value: unknown, ids: ReadonlySet<string>): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && Object.entries(value).some(([key, item]) => ids.has(key) || mentions(item, ids));

/** One record entry per copy when it names an id (its key tagged even when only its value does), else once. */
const copiedEntry = (key: string, value: unknown, ids: ReadonlySet<string>, copies: number): Array<[string, unknown]> =>
  ids.has(key) || mentions(value, ids) ? range(copies).map((copy) => [tagged(key, copy), inCopy(value, ids, copy)]) : [[key, value]];

export interface CopiedDomain<Config, Command> {
  readonly config: Config;
  /** `command` moved into copy `copy` (from 1), or unchanged when there is one copy. */
  readonly place: (command: Command, copy: number) => Command;
}

/**
 * The scenario's configuration laid out `copies` times, and how a generated command moves into one
 * copy. One copy is the scenario itself, untouched.
 */
export const copyDomain = <Config, Command>(config: Config, ids: ReadonlySet<string>, copies: number): CopiedDomain<Config, Command> =>
  copies === 1
    ? { config, place: (command) => command }
    : { config: copiedConfig(config, ids, copies) as Config, place: (command, copy) => inCopy(command, ids, copy) as Command };
