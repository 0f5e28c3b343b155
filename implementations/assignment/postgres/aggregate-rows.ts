import type { Container, Member } from "../aggregates.js";
import type { Queryable } from "../../postgres/transaction.js";
import type { Versioned } from "../../versioned.js";

/**
 * A repository of one kind of aggregate, one row each, its list in an array column: loads, and
 * saves only if the stored version is still the one loaded (optimistic concurrency).
 */
const aggregateRows = <T>(table: string, list: string, toValue: (ids: ReadonlyArray<string>) => T, toIds: (value: T) => ReadonlyArray<string>) => ({
  async load(db: Queryable, id: string): Promise<Versioned<T>> {
    const { rows } = await db.query<{ ids: string[]; version: number }>(`SELECT ${list} AS ids, version FROM ${table} WHERE id = $1`, [id]);
    const row = rows[0];
    return row === undefined ? { value: toValue([]), version: 0 } : { value: toValue(row.ids), version: row.version };
  },
  /** True when saved; false when the stored version moved on (or a first save lost to another one). */
  async saveIfVersion(db: Queryable, id: string, value: T, version: number): Promise<boolean> {
    const saved =
      version === 0
        ? await db.query(`INSERT INTO ${table} (id, ${list}, version) VALUES ($1, $2, 1) ON CONFLICT (id) DO NOTHING`, [id, toIds(value)])
        : await db.query(`UPDATE ${table} SET ${list} = $2, version = version + 1 WHERE id = $1 AND version = $3`, [id, toIds(value), version]);
    return saved.rowCount === 1;
  },
});

export const memberRows = aggregateRows<Member>(
  "member_aggregates",
  "containers",
  (ids) => ({ containers: ids }),
  (member) => member.containers,
);
export const containerRows = aggregateRows<Container>(
  "container_aggregates",
  "members",
  (ids) => ({ members: ids }),
  (container) => container.members,
);
