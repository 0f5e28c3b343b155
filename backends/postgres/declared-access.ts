import type { QueryResult, TransactionStatus } from "pg";
import type { Access } from "../../engine/step.js";
import { lockedTables, type StatementContext, statementAccess, statementShape } from "./statement-access.js";

/**
 * What the catalog says about the names on the connection's search path: those that resolve to
 * plain tables (see {@link StatementContext}), the foreign keys between tables, and the isolation
 * level a statement sent now would run at. Sent only outside a transaction block, where it is a
 * transaction of its own: inside one, its SELECT would take a REPEATABLE READ transaction's snapshot
 * before the design's first statement does. A table is not plain when a column default or a
 * constraint calls a function of the database's own (it may read other tables or take locks) or
 * draws from a sequence another table owns (two inserts into different tables would take its values
 * in the order they run). The system catalogs are left out (every name in
 * pg_catalog starts with pg_, and such names never count as plain), which keeps the question short.
 */
const CATALOG = `WITH resolved AS (
  SELECT DISTINCT ON (c.relname) c.oid, c.relname, c.relkind, c.relrowsecurity, c.relhasrules, c.relhassubclass, c.relispartition,
    EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal) AS triggers,
    EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid) AS inherits,
    EXISTS (SELECT 1 FROM (
        SELECT 'pg_attrdef'::regclass AS classid, a.oid AS objid FROM pg_attrdef a WHERE a.adrelid = c.oid
        UNION ALL SELECT 'pg_constraint'::regclass, k.oid FROM pg_constraint k WHERE k.conrelid = c.oid) AS own
      JOIN pg_depend d ON d.classid = own.classid AND d.objid = own.objid
      WHERE (d.refclassid = 'pg_proc'::regclass AND d.refobjid >= 16384)
        OR (d.refclassid = 'pg_class'::regclass AND EXISTS (SELECT 1 FROM pg_class q WHERE q.oid = d.refobjid AND q.relkind = 'S')
          AND NOT EXISTS (SELECT 1 FROM pg_depend o WHERE o.classid = 'pg_class'::regclass AND o.objid = d.refobjid AND o.refobjid = c.oid AND o.deptype IN ('a', 'i')))) AS hidden
  FROM unnest(current_schemas(true)) WITH ORDINALITY AS s(name, position)
  JOIN pg_namespace n ON n.nspname = s.name JOIN pg_class c ON c.relnamespace = n.oid
  WHERE s.name <> 'pg_catalog' AND c.relkind NOT IN ('i', 'I', 't', 'c') AND left(c.relname, 3) <> 'pg_'
  ORDER BY c.relname, s.position)
SELECT current_setting('transaction_isolation') AS isolation,
  (SELECT coalesce(json_agg(relname), '[]') FROM resolved
    WHERE relkind = 'r' AND NOT (relrowsecurity OR relhasrules OR relhassubclass OR relispartition OR triggers OR inherits OR hidden)) AS plain,
  (SELECT coalesce(json_agg(json_build_array(a.relname, b.relname)), '[]') FROM pg_constraint k
    JOIN pg_class a ON a.oid = k.conrelid JOIN pg_class b ON b.oid = k.confrelid
    WHERE k.contype = 'f' AND (k.conrelid IN (SELECT oid FROM resolved) OR k.confrelid IN (SELECT oid FROM resolved))) AS links`;

/** SHOW takes no snapshot, so it is safe inside a transaction block before the first query. */
const SHOW_ISOLATION = "SHOW transaction_isolation";

/**
 * Raised by every statement that might change what names resolve to (DDL, a function, anything the
 * classifier does not read): tables read before it are not trusted after it, on any connection.
 */
let schemaGeneration = 0;

/**
 * What names resolve to may have changed by a way the gated connections do not see: a new run
 * (anything may have happened between runs). Connections then ask the catalog again.
 */
export const catalogMayHaveChanged = (): void => {
  schemaGeneration++;
};

/** A statement sent on `direct` (a design's setup, a snapshot): raises the generation as a gated one would. */
export const sentOnDirect = (text: string): void => {
  if (mayChangeCatalog(text)) schemaGeneration++;
};

/** `COMMIT`, `ROLLBACK` and their synonyms: undeclared, but they change no table's definition. */
const endsTransaction = (text: string): boolean => /^\s*(COMMIT|END|ROLLBACK|ABORT)\s*;?\s*$/i.test(text);

/** Anything the classifier does not read, but a transaction's end: DDL, a function call, several statements in one string. */
const mayChangeCatalog = (text: string): boolean => statementShape(text).kind === "unknown" && !endsTransaction(text);

interface Catalog {
  readonly plain: ReadonlySet<string>;
  readonly links: ReadonlyMap<string, ReadonlyArray<string>>;
  readonly generation: number;
}

/** Itself and every table reached through foreign keys, either way. */
const linkedFrom = (links: ReadonlyMap<string, ReadonlyArray<string>>, table: string): ReadonlyArray<string> => {
  const reached = new Set([table]);
  const next = [table];
  for (let current = next.pop(); current !== undefined; current = next.pop())
    for (const other of links.get(current) ?? [])
      if (!reached.has(other)) {
        reached.add(other);
        next.push(other);
      }
  return [...reached];
};

const linksOf = (pairs: ReadonlyArray<readonly [string, string]>): ReadonlyMap<string, ReadonlyArray<string>> => {
  const links = new Map<string, string[]>();
  for (const [from, to] of pairs) {
    links.set(from, [...(links.get(from) ?? []), to]);
    links.set(to, [...(links.get(to) ?? []), from]);
  }
  return links;
};

/**
 * The catalog as the last connection of one session's pools read it. Every connection of a session
 * has the same search path and settings, and a statement that could change what the catalog says
 * raises the generation: until then, one question answers them all, where each connection would ask
 * at every statement it sends outside a transaction block (a scenario's start alone is dozens).
 */
export class SessionCatalog {
  private reading: { readonly generation: number; readonly answer: Promise<CatalogAnswer | undefined> } | undefined;

  /** The catalog at `generation`: the reading under way or done at that generation, else a new one from `ask`. */
  read(generation: number, ask: () => Promise<CatalogAnswer | undefined>): Promise<CatalogAnswer | undefined> {
    if (this.reading?.generation === generation) return this.reading.answer;
    const answer = ask();
    const reading = { generation, answer };
    this.reading = reading;
    // A failed question is asked again by the next connection, not remembered.
    answer.catch(() => {
      if (this.reading === reading) this.reading = undefined;
    });
    return answer;
  }
}

interface CatalogAnswer {
  readonly catalog: Catalog;
  readonly isolation: string | undefined;
}

/** The catalog question as a named statement: each connection plans it once (it joins half the catalog). */
const CATALOG_QUERY = { name: "invariant-lab-catalog", text: CATALOG };

/**
 * What one connection declares for each statement a task sends (see {@link statementAccess}): it
 * keeps what the catalog said when the connection was last outside a transaction block, the
 * isolation level of the open transaction, and the tables whose rows that transaction has locked.
 */
export class DeclaredAccess {
  private catalog: Catalog | undefined;
  private isolation: string | undefined;
  private locked = new Set<string>();

  constructor(
    private readonly ask: (query: string | { readonly name: string; readonly text: string }) => Promise<unknown>,
    private readonly shared: SessionCatalog,
  ) {}

  /** `idle`: nothing is pending on the connection, so its transaction status is current and a question may be sent. */
  async of(text: string, status: TransactionStatus, idle: boolean): Promise<Access | undefined> {
    const shape = statementShape(text);
    if (shape.kind === "unknown") {
      // It may have opened a transaction at another level, or changed what names resolve to.
      this.isolation = undefined;
      if (mayChangeCatalog(text)) schemaGeneration++;
      return undefined;
    }
    if (!idle || status === "E") return undefined;
    try {
      if (status === "I") await this.readCatalog();
      if (shape.kind === "control") {
        if (shape.isolationMayChange) this.isolation = undefined;
        return { reads: [], writes: [] };
      }
      const catalog = this.catalog;
      if (catalog === undefined || catalog.generation !== schemaGeneration) return undefined;
      this.isolation ??= await this.showIsolation();
      const context: StatementContext = {
        inTransactionBlock: status === "T",
        serializable: this.isolation !== "read committed" && this.isolation !== "repeatable read",
        plainTable: (name) => catalog.plain.has(name),
        linkedTables: (name) => linkedFrom(catalog.links, name),
        lockedBefore: [...this.locked].sort(),
      };
      const access = statementAccess(shape, context);
      if (status === "T") for (const table of lockedTables(shape, context) ?? []) this.locked.add(table);
      return access;
    } catch {
      return undefined;
    }
  }

  /** Outside a transaction block: what the next transaction will find, and no locks held. */
  private async readCatalog(): Promise<void> {
    const generation = schemaGeneration;
    this.locked = new Set();
    this.catalog = undefined;
    const answer = await this.shared.read(generation, async () => {
      const { rows } = (await this.ask(CATALOG_QUERY)) as QueryResult<{
        isolation: string;
        plain: ReadonlyArray<string>;
        links: ReadonlyArray<readonly [string, string]>;
      }>;
      const row = rows[0];
      return row === undefined ? undefined : { catalog: { plain: new Set(row.plain), links: linksOf(row.links), generation }, isolation: row.isolation };
    });
    this.catalog = answer?.catalog;
    this.isolation = answer?.isolation;
  }

  private async showIsolation(): Promise<string | undefined> {
    const { rows } = (await this.ask(SHOW_ISOLATION)) as QueryResult<{ transaction_isolation: string }>;
    return rows[0]?.transaction_isolation;
  }
}
