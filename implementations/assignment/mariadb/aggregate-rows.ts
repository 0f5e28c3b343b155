import type { Container, Member } from "../aggregates.js";
import { affected, type Queryable, rowsOf } from "../../mariadb/transaction.js";
import type { Versioned } from "../../versioned.js";

/**
 * A repository of one kind of aggregate, one row each, its list as a JSON array: loads with a
 * plain (snapshot) read, and saves only if the stored version is still the one loaded. The save's
 * UPDATE is a locking read of the latest committed row, so it sees a version moved on even where
 * the snapshot does not.
 */
const aggregateRows = <T>(table: string, list: string, toValue: (ids: ReadonlyArray<string>) => T, toIds: (value: T) => ReadonlyArray<string>) => ({
  async load(db: Queryable, id: string): Promise<Versioned<T>> {
    const [row] = await rowsOf<{ ids: string; version: number }>(db, `SELECT ${list} AS ids, version FROM ${table} WHERE id = ?`, [id]);
    return row === undefined ? { value: toValue([]), version: 0 } : { value: toValue(JSON.parse(row.ids) as string[]), version: row.version };
  },
  /** True when saved; false when the stored version moved on (or a first save lost to another one). */
  async saveIfVersion(db: Queryable, id: string, value: T, version: number): Promise<boolean> {
    const ids = JSON.stringify(toIds(value));
    const saved =
      version === 0
        ? await affected(db, `INSERT IGNORE INTO ${table} (id, ${list}, version) VALUES (?, ?, 1)`, [id, ids])
        : await affected(db, `UPDATE ${table} SET ${list} = ?, version = version + 1 WHERE id = ? AND version = ?`, [ids, id, version]);
    return saved === 1;
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
