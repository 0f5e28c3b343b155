import pg from "pg";
import { afterAll, describe, expect, test } from "vitest";
import { DeclaredAccess, SessionCatalog } from "../../backends/postgres/declared-access.js";
import { rowsKey, tableKey } from "../../backends/postgres/statement-access.js";
import { fileSession, postgresUrl } from "./support.js";

const session = await fileSession();
const client = await session.environment.direct.connect();
/** Where the catalog is asked: a connection of its own, as a gated one sends it past the gate, unseen by `direct`. */
const asker = new pg.Client({ connectionString: postgresUrl(), options: `-c search_path=${session.schema}` });
await asker.connect();
afterAll(async () => {
  client.release();
  await asker.end();
});

await client.query(`
  DROP TABLE IF EXISTS plain_parents, plain_children, audited, numbered, borrowing CASCADE;
  DROP VIEW IF EXISTS parent_view;
  CREATE TABLE plain_parents (id text PRIMARY KEY);
  CREATE TABLE plain_children (id text PRIMARY KEY, parent text REFERENCES plain_parents (id));
  CREATE VIEW parent_view AS SELECT id FROM plain_parents;
  CREATE TABLE audited (id text);
  CREATE OR REPLACE FUNCTION audit_nothing() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
  CREATE TRIGGER audit BEFORE INSERT ON audited FOR EACH ROW EXECUTE FUNCTION audit_nothing();
  CREATE TABLE numbered (id bigserial PRIMARY KEY);
  CREATE TABLE borrowing (id bigint DEFAULT nextval('numbered_id_seq'));
`);

/** What the connection declares for a statement sent outside a transaction block, then inside one. */
const declared = async (text: string, isolation = "READ COMMITTED") => {
  const access = new DeclaredAccess((sql) => asker.query(sql), new SessionCatalog());
  const outside = await access.of(text, "I", true);
  await access.of(`BEGIN ISOLATION LEVEL ${isolation}`, "I", true);
  await asker.query(`BEGIN ISOLATION LEVEL ${isolation}`);
  try {
    return { outside, inside: await access.of(text, "T", true) };
  } finally {
    await asker.query("ROLLBACK");
  }
};

describe("what the catalog adds to a statement's declaration", () => {
  test("the connections of a session share one reading of the catalog, until a statement on direct may have changed it", async () => {
    const shared = new SessionCatalog();
    const asked: string[] = [];
    const connection = () =>
      new DeclaredAccess((sql) => {
        const text = typeof sql === "string" ? sql : sql.text;
        asked.push(text.startsWith("WITH resolved") ? "catalog" : text);
        return asker.query(sql);
      }, shared);
    await client.query("DROP TABLE IF EXISTS created_later");
    expect(await connection().of("SELECT id FROM plain_parents", "I", true)).toEqual({ reads: [tableKey("plain_parents")], writes: [] });
    expect(await connection().of("SELECT id FROM plain_children", "I", true)).toEqual({ reads: [tableKey("plain_children")], writes: [] });
    expect(asked).toEqual(["catalog"]);
    await client.query("CREATE TABLE created_later (id text)");
    // Read before the CREATE, the shared catalog would not know the table and leave it undeclared.
    expect(await connection().of("SELECT id FROM created_later", "I", true)).toEqual({ reads: [tableKey("created_later")], writes: [] });
    expect(asked).toEqual(["catalog", "catalog"]);
    // Two connections that ask at once, as two tasks do before their first statements, share one question.
    await client.query("DROP TABLE created_later");
    await Promise.all([connection().of("SELECT id FROM plain_parents", "I", true), connection().of("SELECT id FROM plain_children", "I", true)]);
    expect(asked).toEqual(["catalog", "catalog", "catalog"]);
  });

  test("a plain read declares its table, outside a block and in one", async () => {
    const { outside, inside } = await declared("SELECT id FROM plain_parents");
    expect(outside).toEqual({ reads: [tableKey("plain_parents")], writes: [] });
    expect(inside).toEqual(outside);
  });

  test("a write locks rows of the tables linked by a foreign key, and commits every table outside a block", async () => {
    const { outside, inside } = await declared("DELETE FROM plain_parents WHERE id = $1");
    expect(inside?.writes).toEqual([rowsKey("plain_children"), rowsKey("plain_parents")]);
    expect(outside?.writes).toEqual([rowsKey("plain_children"), rowsKey("plain_parents"), "pg:table:*"]);
  });

  test.each([
    ["a view", "SELECT id FROM parent_view"],
    ["a table with a trigger", "INSERT INTO audited VALUES ($1)"],
    ["a table drawing from another table's sequence", "INSERT INTO borrowing DEFAULT VALUES"],
    ["a name that resolves to nothing", "SELECT id FROM nowhere"],
  ])("%s leaves the statement undeclared", async (_what, text) => {
    const { outside, inside } = await declared(text);
    expect(outside).toBeUndefined();
    expect(inside).toBeUndefined();
  });

  test("a table drawing from its own sequence is plain", async () => {
    expect((await declared("INSERT INTO numbered DEFAULT VALUES")).inside?.writes).toEqual([rowsKey("numbered")]);
  });

  test("at SERIALIZABLE, read with SHOW inside the block, data statements stay undeclared", async () => {
    const { inside } = await declared("SELECT id FROM plain_parents", "SERIALIZABLE");
    expect(inside).toBeUndefined();
  });
});
