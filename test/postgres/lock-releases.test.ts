import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, test } from "vitest";
import { GatedPools } from "../../backends/postgres/gated-pool.js";
import { cannotRelease } from "../../backends/postgres/lock-releases.js";
import { postgresUrl } from "./support.js";

describe("which statements may release a lock", () => {
  test("inside an open transaction, a statement that succeeds holds every lock unless it ends, rolls back or unlocks", () => {
    expect(cannotRelease("SELECT id FROM groups WHERE id = $1 FOR UPDATE", "T", 0)).toBe(true);
    expect(cannotRelease("UPDATE groups SET members = members + 1 WHERE id = $1", "T", 0)).toBe(true);
    expect(cannotRelease("BEGIN", "I", 0)).toBe(true);
    expect(cannotRelease("COMMIT", "T", 0)).toBe(false);
    expect(cannotRelease("ROLLBACK", "E", 0)).toBe(false);
    expect(cannotRelease("ROLLBACK TO SAVEPOINT before_insert", "T", 0)).toBe(false);
    expect(cannotRelease("SELECT pg_advisory_unlock($1)", "T", 0)).toBe(false);
    // Outside a transaction every statement is one, and ends it.
    expect(cannotRelease("SELECT id FROM groups WHERE id = $1", "I", 0)).toBe(false);
    expect(cannotRelease("UPDATE groups SET members = 0; COMMIT", "T", 0)).toBe(false);
  });
});

describe("the count of lock releases on a server", () => {
  const schema = `lock_releases_${randomBytes(4).toString("hex")}`;
  const pools = new GatedPools({ connectionString: postgresUrl(), max: 2 }, async () => undefined);
  afterAll(async () => {
    await pools.direct.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pools.end();
  });

  test("stands while a transaction's statements succeed, and moves when one fails, when it ends, and on direct", async () => {
    await pools.direct.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.groups (id text PRIMARY KEY, members int CHECK (members <= 1))`);
    await pools.direct.query(`INSERT INTO ${schema}.groups VALUES ('g1', 0)`);
    const client = await pools.pool.connect();
    const moved = async (statement: string): Promise<boolean> => {
      const before = pools.releases.version();
      await client.query(statement).catch(() => undefined);
      return pools.releases.version() !== before;
    };
    expect(await moved("BEGIN")).toBe(false);
    expect(await moved(`SELECT id FROM ${schema}.groups WHERE id = 'g1' FOR UPDATE`)).toBe(false);
    expect(await moved(`UPDATE ${schema}.groups SET members = members + 1 WHERE id = 'g1'`)).toBe(false);
    // The CHECK fails: the server aborts the transaction there and then, and its row lock goes.
    expect(await moved(`UPDATE ${schema}.groups SET members = members + 1 WHERE id = 'g1'`)).toBe(true);
    expect(await moved("ROLLBACK")).toBe(true);
    expect(await moved(`SELECT members FROM ${schema}.groups`)).toBe(true);
    const before = pools.releases.version();
    client.release();
    expect(pools.releases.version()).not.toBe(before);
    const read = pools.releases.version();
    await pools.direct.query(`SELECT members FROM ${schema}.groups`);
    expect(pools.releases.version()).not.toBe(read);
  });
});
