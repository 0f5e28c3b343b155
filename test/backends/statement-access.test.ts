import { describe, expect, test } from "vitest";
import { conflicts } from "../../engine/exhaustive/independence.js";
import { rowsKey, type StatementContext, statementAccess, statementShape, tableKey } from "../../backends/postgres/statement-access.js";

const inBlock: StatementContext = {
  inTransactionBlock: true,
  serializable: false,
  plainTable: () => true,
  linkedTables: (name) => [name],
  lockedBefore: [],
};
const access = (text: string, context: Partial<StatementContext> = {}) => statementAccess(statementShape(text), { ...inBlock, ...context });

describe("transaction control touches no data", () => {
  test.each([
    "BEGIN",
    "begin;",
    "BEGIN ISOLATION LEVEL REPEATABLE READ",
    "START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ WRITE",
    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ",
    "SET LOCAL lock_timeout = '200ms'",
    "SHOW transaction_isolation",
    "SAVEPOINT before_insert",
  ])("%s declares no reads and no writes", (text) => {
    expect(access(text)).toEqual({ reads: [], writes: [] });
  });

  test.each([
    "COMMIT",
    "END",
    "ROLLBACK",
    "ROLLBACK TO SAVEPOINT before_insert",
    "RELEASE SAVEPOINT before_insert",
    "SET search_path = elsewhere",
    "SET LOCAL search_path = elsewhere",
    "BEGIN; SELECT 1",
  ])("%s stays undeclared: it publishes, releases or changes more than its transaction", (text) => {
    expect(access(text)).toBeUndefined();
  });
});

describe("data statements name their tables", () => {
  test("a plain SELECT reads the tables it names, joins and subqueries included", () => {
    expect(access("SELECT count(*) FROM memberships m JOIN members ON members.id = m.member WHERE container IN (SELECT id FROM containers)")).toEqual({
      reads: ["containers", "members", "memberships"].map(tableKey),
      writes: [],
    });
    expect(access('select "id", "version" from "groups", users where "id" = $1')).toEqual({ reads: [tableKey("groups"), tableKey("users")], writes: [] });
  });

  test("a write inside a block locks rows of its tables and of those its transaction locked before", () => {
    expect(access("INSERT INTO memberships (member, container) VALUES ($1, $2)", { lockedBefore: ["members"] })).toEqual({
      reads: [tableKey("memberships"), rowsKey("members")],
      writes: [rowsKey("memberships")],
    });
    expect(access("UPDATE container_counters SET members = members + 1 WHERE id = $1")?.writes).toEqual([rowsKey("container_counters")]);
    expect(access("DELETE FROM memberships WHERE member = $1 AND container = $2")?.writes).toEqual([rowsKey("memberships")]);
    expect(access("INSERT INTO t (a) VALUES ($1) ON CONFLICT (a) DO UPDATE SET a = excluded.a")?.writes).toEqual([rowsKey("t")]);
  });

  test("SELECT … FOR UPDATE and FOR SHARE lock rows like a write", () => {
    for (const clause of ["FOR UPDATE", "FOR NO KEY UPDATE", "FOR SHARE", "FOR KEY SHARE", "FOR UPDATE SKIP LOCKED"])
      expect(access(`SELECT id FROM members WHERE id = $1 ${clause}`)?.writes).toEqual([rowsKey("members")]);
  });

  test("a write outside a transaction block commits as it ends: every table's contents change", () => {
    const upsert = access(
      "WITH new_member AS (INSERT INTO members (id) VALUES ($1) ON CONFLICT DO NOTHING) INSERT INTO containers (id) VALUES ($2) ON CONFLICT DO NOTHING",
      { inTransactionBlock: false },
    );
    expect(upsert?.writes).toEqual([rowsKey("containers"), rowsKey("members"), "pg:table:*"]);
  });

  test("a write locks rows of the tables linked to its own by foreign keys", () => {
    const linkedTables = (name: string) => (name === "memberships" ? ["memberships", "members"] : [name]);
    expect(access("INSERT INTO memberships (member, container) VALUES ($1, $2)", { linkedTables })?.writes).toEqual(["members", "memberships"].map(rowsKey));
  });
});

describe("what cannot be bounded stays undeclared", () => {
  test.each([
    "SELECT pg_advisory_xact_lock(1)",
    "SELECT nextval('tickets_id_seq')",
    "SELECT my_function($1) FROM members",
    "SELECT xmax FROM memberships",
    "SELECT * FROM other_schema.members",
    "SELECT a INTO copied FROM members",
    "SELECT $$ quoted $$ FROM members",
    "SELECT 1 /* a comment */ FROM members",
    "MERGE INTO members USING incoming ON members.id = incoming.id WHEN NOT MATCHED THEN INSERT VALUES (incoming.id)",
    "LOCK TABLE members",
    "TRUNCATE memberships",
    "CREATE TABLE t (id int)",
    "DO $$ BEGIN END $$",
    "SELECT 1 FROM members; DELETE FROM members",
    "SELECT * FROM rows",
    "UPDATE key SET id = $1",
    "SELECT a FROM t WHERE a IS DISTINCT FROM NULL",
  ])("%s", (text) => {
    expect(access(text)).toBeUndefined();
  });

  test("a table that is not plain (a view, row security, triggers, rules, inheritance) leaves the statement undeclared", () => {
    const plainTable = (name: string) => name !== "member_view";
    expect(access("SELECT id FROM member_view", { plainTable })).toBeUndefined();
    expect(access("INSERT INTO members (id) SELECT id FROM member_view", { plainTable })).toBeUndefined();
    const linkedTables = (name: string) => [name, "member_view"];
    expect(access("DELETE FROM members WHERE id = $1", { plainTable, linkedTables })).toBeUndefined();
  });

  test("at SERIALIZABLE every data statement stays undeclared: the order of a read and a write decides which transaction fails", () => {
    expect(access("SELECT id FROM members", { serializable: true })).toBeUndefined();
    expect(access("INSERT INTO members (id) VALUES ($1)", { serializable: true })).toBeUndefined();
    expect(access("BEGIN ISOLATION LEVEL SERIALIZABLE", { serializable: true })).toEqual({ reads: [], writes: [] });
  });
});

describe("what commutes", () => {
  const read = access("SELECT member, container FROM memberships WHERE member = $1");
  test("a plain read and another transaction's uncommitted write of the same table", () => {
    expect(conflicts(read, access("INSERT INTO memberships (member, container) VALUES ($1, $2)"))).toBe(false);
  });
  test("not a read and a write that commits as it ends", () => {
    expect(conflicts(read, access("INSERT INTO memberships (member, container) VALUES ($1, $2)", { inTransactionBlock: false }))).toBe(true);
  });
  test("not two lock takers on one table", () => {
    expect(conflicts(access("SELECT id FROM members WHERE id = $1 FOR UPDATE"), access("UPDATE members SET id = id WHERE id = $1"))).toBe(true);
  });
  test("not two lock takers on different tables when one's transaction holds the other's table: they may close a cycle of waits", () => {
    const members = access("SELECT id FROM members WHERE id = $1 FOR UPDATE", { lockedBefore: ["containers"] });
    const containers = access("SELECT id FROM containers WHERE id = $1 FOR UPDATE");
    expect(conflicts(members, containers)).toBe(true);
    expect(conflicts(access("SELECT id FROM members WHERE id = $1 FOR UPDATE"), containers)).toBe(false);
  });
  test("not anything and COMMIT", () => {
    expect(conflicts(read, access("COMMIT"))).toBe(true);
  });
});
