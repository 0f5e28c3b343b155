import type { Access } from "../../engine/step.js";

/**
 * What a statement's text says about what it touches, before anything about the connection is known:
 * - `control`: opens a transaction or sets one of its parameters, and touches no data;
 * - `data`: one SELECT, INSERT, UPDATE or DELETE (data-modifying WITH included) whose tables are all
 *   named in the text; `locks` when it takes row locks (it writes, or reads FOR UPDATE / FOR SHARE);
 * - `unknown`: anything else. COMMIT and ROLLBACK are here: they publish writes and release locks.
 */
export type StatementShape =
  | { readonly kind: "control"; readonly isolationMayChange: boolean }
  | { readonly kind: "data"; readonly tables: ReadonlyArray<string>; readonly locks: boolean }
  | { readonly kind: "unknown" };

/** What the connection says about the statement's transaction, read before the statement goes out. */
export interface StatementContext {
  /** A transaction block is open ('T'): a write stays invisible to other transactions until it ends. */
  readonly inTransactionBlock: boolean;
  /** The statement's transaction runs at SERIALIZABLE. */
  readonly serializable: boolean;
  /**
   * The name resolves, on the connection's search path, to an ordinary table without row security,
   * rules, triggers of its own, partitions or inheritance: what a statement does to it is what the
   * text says, apart from foreign keys.
   */
  readonly plainTable: (name: string) => boolean;
  /** The tables a write to this one may lock rows of: itself and those linked by foreign keys, transitively. */
  readonly linkedTables: (name: string) => ReadonlyArray<string>;
  /** The tables whose rows this statement's transaction has locked, by its earlier statements. */
  readonly lockedBefore: ReadonlyArray<string>;
}

/** The key of a table's committed contents, read by every statement that names it. */
export const tableKey = (table: string): string => `pg:table:${table}`;
/** The key of a table's row locks, written by every statement that may lock or wait for one of its rows. */
export const rowsKey = (table: string): string => `pg:rows:${table}`;
const EVERY_TABLE = "pg:table:*";

const UNKNOWN: StatementShape = { kind: "unknown" };

type Token =
  { readonly kind: "word"; readonly text: string } | { readonly kind: "name"; readonly text: string } | { readonly kind: "symbol"; readonly text: string };

/**
 * Words, quoted names and symbols, with literals, parameters and numbers dropped; undefined for what
 * this reader does not follow (block comments, dollar quoting, escape strings, a second statement).
 */
const tokens = (text: string): ReadonlyArray<Token> | undefined => {
  const found: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const space = /^(\s+|--[^\n]*)/.exec(rest);
    if (space !== null) {
      at += space[0].length;
      continue;
    }
    if (/^(\/\*|\$[A-Za-z_]*\$|[Ee]')/.test(rest)) return undefined;
    const literal = /^'(?:[^']|'')*'/.exec(rest) ?? /^\$\d+/.exec(rest) ?? /^\d+(\.\d+)?/.exec(rest);
    if (literal !== null) {
      at += literal[0].length;
      continue;
    }
    const quoted = /^"((?:[^"]|"")+)"/.exec(rest);
    if (quoted !== null) {
      found.push({ kind: "name", text: (quoted[1] ?? "").replaceAll('""', '"') });
      at += quoted[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(rest);
    if (word !== null) {
      found.push({ kind: "word", text: word[0].toLowerCase() });
      at += word[0].length;
      continue;
    }
    const symbol = /^(::|<=|>=|<>|!=|->>|->|\|\||[(),.=<>+\-*/%;[\]:])/.exec(rest);
    if (symbol === null) return undefined;
    found.push({ kind: "symbol", text: symbol[0] });
    at += symbol[0].length;
  }
  while (found.at(-1)?.text === ";" && found.at(-1)?.kind === "symbol") found.pop();
  return found.some((token) => token.kind === "symbol" && token.text === ";") ? undefined : found;
};

/** Words that may stand before `(` without being a function call. */
const KEYWORDS = new Set(
  (
    "select from where and or not in exists any all some values as on conflict do update set nothing insert into delete using returning " +
    "join left right inner outer full cross lateral group by order having limit offset with recursive union intersect except case when then " +
    "else end is null true false distinct for share key no of nowait skip locked asc desc nulls first last between like ilike escape cast " +
    "filter over partition row rows excluded default only array constraint fetch next"
  ).split(" "),
);

/** Functions that read no table, take no lock and change nothing: anything else may do all three. */
const PURE_FUNCTIONS = new Set(
  (
    "count sum min max avg coalesce nullif greatest least lower upper trim btrim ltrim rtrim length abs array_agg string_agg " +
    "bool_and bool_or json_agg jsonb_agg json_build_object jsonb_build_object to_json to_jsonb concat format cardinality array_length unnest"
  ).split(" "),
);

/** Columns that show other transactions' uncommitted work (the locker or deleter of a row version). */
const SYSTEM_COLUMNS = new Set(["xmin", "xmax", "cmin", "cmax", "ctid", "tableoid"]);

const isWord = (token: Token | undefined, text: string): boolean => token?.kind === "word" && token.text === text;
const isSymbol = (token: Token | undefined, text: string): boolean => token?.kind === "symbol" && token.text === text;
const isName = (token: Token | undefined): boolean => token !== undefined && (token.kind === "name" || (token.kind === "word" && !KEYWORDS.has(token.text)));

/** SET TRANSACTION …, or SET LOCAL of a timeout: they change only this transaction's own statements. */
const localSetting = (words: ReadonlyArray<Token>): StatementShape => {
  if (isWord(words[1], "transaction")) return { kind: "control", isolationMayChange: true };
  if (isWord(words[1], "local") && ["lock_timeout", "statement_timeout"].includes(words[2]?.text ?? "")) return { kind: "control", isolationMayChange: false };
  return UNKNOWN;
};

/** BEGIN or START TRANSACTION with its modes (isolation level, read only/write, deferrable) and nothing else. */
const opensTransaction = (words: ReadonlyArray<Token>): boolean => {
  const start = isWord(words[0], "start") ? (isWord(words[1], "transaction") ? 2 : -1) : isWord(words[0], "begin") ? 1 : -1;
  if (start < 0) return false;
  return words
    .slice(start)
    .every(
      (token) =>
        (token.kind === "word" &&
          /^(work|transaction|isolation|level|read|write|only|committed|uncommitted|repeatable|serializable|not|deferrable)$/.test(token.text)) ||
        isSymbol(token, ","),
    );
};

/** UPDATE that names the statement's target: not FOR [NO KEY] UPDATE, not ON CONFLICT DO UPDATE. */
const isUpdateTarget = (words: ReadonlyArray<Token>, index: number): boolean =>
  isWord(words[index], "update") && !["do", "for", "key"].includes(words[index - 1]?.text ?? "");

/** The statement writes: INSERT INTO, DELETE FROM or an UPDATE target, anywhere (a WITH list included). */
const writes = (words: ReadonlyArray<Token>): boolean =>
  words.some(
    (token, index) =>
      (isWord(token, "insert") && isWord(words[index + 1], "into")) ||
      (isWord(token, "delete") && isWord(words[index + 1], "from")) ||
      isUpdateTarget(words, index),
  );

/**
 * The tables a data statement names, or undefined when it names a table in a way this reader does not
 * follow (a schema-qualified name), reads a system column, or calls a function it does not know to
 * be pure. WITH names are not tables.
 */
const namedTables = (words: ReadonlyArray<Token>): ReadonlyArray<string> | undefined => {
  const withNames = new Set<string>();
  const tables = new Set<string>();
  const tablePositions = new Set<number>();
  for (let index = 0; index < words.length; index++) {
    const token = words[index] as Token;
    if (isName(token) && isWord(words[index + 1], "as") && isSymbol(words[index + 2], "(")) withNames.add(token.text);
    const list = isWord(token, "from");
    if (!list && !isUpdateTarget(words, index) && !isWord(token, "join") && !isWord(token, "using") && !isWord(token, "into")) continue;
    let at = index + 1;
    if (isWord(words[at], "only") || isWord(words[at], "lateral")) at++;
    // A table named like a keyword this reader knows (rows, key, first…) would be missed: no guess.
    if (words[at]?.kind === "word" && KEYWORDS.has(words[at]?.text ?? "")) return undefined;
    // FROM a, b: every item of the list is a table, a subquery or a function; INTO t (columns) names a table.
    for (;;) {
      const name = words[at];
      if (name === undefined || !isName(name) || (isSymbol(words[at + 1], "(") && !isWord(token, "into"))) break;
      if (isSymbol(words[at + 1], ".")) return undefined;
      tablePositions.add(at);
      if (!withNames.has(name.text)) tables.add(name.text);
      at++;
      if (isWord(words[at], "as")) at++;
      if (isName(words[at]) && !isSymbol(words[at + 1], "(") && !isSymbol(words[at + 1], ".")) at++;
      if (!list || !isSymbol(words[at], ",")) break;
      at++;
    }
  }
  for (let index = 0; index < words.length; index++) {
    const token = words[index] as Token;
    if (token.kind !== "symbol" && SYSTEM_COLUMNS.has(token.text)) return undefined;
    const call = isSymbol(words[index + 1], "(") && !tablePositions.has(index) && !isSymbol(words[index - 1], "::");
    if (call && (token.kind === "name" || (token.kind === "word" && !KEYWORDS.has(token.text) && !PURE_FUNCTIONS.has(token.text)))) return undefined;
  }
  return [...tables].sort();
};

/** Where the statement's own verb stands: the first SELECT, INSERT, UPDATE or DELETE outside parentheses (after a WITH list). */
const firstVerb = (words: ReadonlyArray<Token>): number => {
  let depth = 0;
  for (let index = 0; index < words.length; index++) {
    const token = words[index] as Token;
    if (isSymbol(token, "(")) depth++;
    if (isSymbol(token, ")")) depth--;
    if (depth === 0 && token.kind === "word" && ["select", "insert", "update", "delete"].includes(token.text)) return index;
  }
  return -1;
};

/** Reads a statement's text (see {@link StatementShape}); conservative: what it cannot follow is `unknown`. */
export const statementShape = (text: string): StatementShape => {
  const words = tokens(text);
  const first = words?.[0];
  if (words === undefined || first === undefined || first.kind !== "word") return UNKNOWN;
  if (opensTransaction(words)) return { kind: "control", isolationMayChange: true };
  if (first.text === "set") return localSetting(words);
  if (first.text === "show" || (first.text === "savepoint" && words.length === 2 && isName(words[1]))) return { kind: "control", isolationMayChange: false };
  if (!["select", "insert", "update", "delete", "with"].includes(first.text)) return UNKNOWN;
  // SELECT … INTO creates a table; MERGE, LOCK and the rest are left to the conservative default.
  const verb = firstVerb(words);
  if (verb < 0 || (isWord(words[verb], "select") && words.some((token, index) => isWord(token, "into") && !isWord(words[index - 1], "insert")))) return UNKNOWN;
  const tables = namedTables(words);
  if (tables === undefined) return UNKNOWN;
  const lockingRead = words.some((token, index) => isWord(token, "for") && ["update", "share", "no", "key"].includes(words[index + 1]?.text ?? ""));
  return { kind: "data", tables, locks: writes(words) || lockingRead };
};

/** The tables whose rows the statement may lock (and so wait for), or undefined when one is not plain. */
export const lockedTables = (shape: StatementShape, context: StatementContext): ReadonlyArray<string> | undefined => {
  if (shape.kind !== "data" || !shape.locks) return [];
  const locked = [...new Set(shape.tables.flatMap(context.linkedTables))].sort();
  return locked.every(context.plainTable) ? locked : undefined;
};

/**
 * The access a statement declares at the engine's gate, or undefined (it may conflict with anything).
 *
 * Why a plain SELECT commutes with another transaction's INSERT, UPDATE or DELETE of the same table,
 * when that write runs inside a transaction block: under MVCC the reader never sees an uncommitted
 * version and never waits for a row lock, and the writer's result does not depend on a plain read;
 * the write becomes visible only at its COMMIT, which is undeclared and so ordered against every
 * step. A write outside a block commits as it ends, so it declares every table as written. Not at
 * SERIALIZABLE: there the order of a read and a write decides which transaction the predicate locks
 * fail, so such statements stay undeclared.
 *
 * A statement that takes row locks writes the rows key of each table it may lock, so two of them on
 * one table are ordered: which one waits, and which one the lock goes to first, depend on it. It
 * also reads the rows keys of the tables its transaction already holds locks on, for deadlocks: the
 * harness cancels the member of a cycle of waits whose statement went out first, and each wait of a
 * cycle is for a lock the next member's transaction holds, so consecutive members of a cycle are
 * ordered. That fixes the victim for cycles of two or three transactions (every pair is
 * consecutive); in a cycle of four or more, two members that are not consecutive may be reordered,
 * so a proof with four or more concurrent tasks does not cover the choice of a deadlock's victim.
 *
 * Assumes what the harness's designs do: a task touches no state shared with other tasks between
 * two statements except through the database, and keeps no session state on its connection that a
 * later borrower would see.
 */
export const statementAccess = (shape: StatementShape, context: StatementContext): Access | undefined => {
  if (shape.kind === "control") return { reads: [], writes: [] };
  if (shape.kind === "unknown" || context.serializable || !shape.tables.every(context.plainTable)) return undefined;
  const reads = shape.tables.map(tableKey);
  if (!shape.locks) return { reads, writes: [] };
  const locked = lockedTables(shape, context);
  if (locked === undefined) return undefined;
  return {
    reads: [...reads, ...context.lockedBefore.map(rowsKey)],
    writes: [...locked.map(rowsKey), ...(context.inTransactionBlock ? [] : [EVERY_TABLE])],
  };
};
