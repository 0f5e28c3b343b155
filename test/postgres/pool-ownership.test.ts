import { Kysely, PostgresDialect, sql } from "kysely";
import { describe, expect, test } from "vitest";
import { PoolOwnedByHarness } from "../../backends/postgres/pool-ownership.js";
import type { PostgresEnvironment } from "../../backends/postgres/environment.js";
import { defineImplementation } from "../../engine/implementation.js";
import { uniqueIndexUniqueEmail } from "../../implementations/unique-email/postgres/unique-index.js";
import { uniqueEmail } from "../../model/unique-email/scenarios.js";
import type { UniqueEmailCommand, UniqueEmailConfig, UniqueEmailOutcome, UniqueEmailSnapshot } from "../../model/unique-email/types.js";
import { verify } from "../../properties/verify.js";
import { fileSession } from "./support.js";

const session = await fileSession();

/** A correct design whose dispose ends what it was lent, as a team's cleanup might. */
const endingIn = (name: string, dispose: (environment: PostgresEnvironment) => Promise<void>) =>
  defineImplementation<UniqueEmailConfig, UniqueEmailCommand, UniqueEmailOutcome, UniqueEmailSnapshot, PostgresEnvironment>({
    ...uniqueIndexUniqueEmail,
    name,
    async create(context) {
      const instance = await uniqueIndexUniqueEmail.create(context);
      return { ...instance, dispose: () => dispose(context) };
    },
  });

const endsThePool = endingIn("ends-the-pool", ({ pool }) => pool.end());
const destroysKysely = endingIn("destroys-kysely", async ({ pool }) => {
  const db = new Kysely<Record<string, never>>({ dialect: new PostgresDialect({ pool }) });
  // Kysely ends only a pool it has used.
  await sql`SELECT 1`.execute(db);
  await db.destroy();
});

const check = (implementation: typeof endsThePool) => verify(uniqueEmail, implementation, session, { mode: "concurrent", seed: 1, numRuns: 5 });

describe("the harness owns the PostgreSQL pools it lends", () => {
  test.each([endsThePool, destroysKysely])("$name: ending the pool is a usage error of the check, not a verdict on the design", async (implementation) => {
    const failed = check(implementation);
    await expect(failed).rejects.toBeInstanceOf(PoolOwnedByHarness);
    await expect(failed).rejects.toThrow(
      "the design called pool.end() on the pool the harness lends it (Kysely's db.destroy() calls it): the harness owns that pool, keeps it open across runs",
    );
    // The pool stayed open: the next check on the same session gets its own verdict.
    const after = await verify(uniqueEmail, uniqueIndexUniqueEmail, session, { mode: "concurrent", seed: 1, numRuns: 5 });
    expect(after.status).toBe("passed");
  });

  test("outside a run, ending a lent pool is refused at once and leaves it open", async () => {
    await expect(session.environment.pool.end()).rejects.toThrow("the design called pool.end() on the pool the harness lends it");
    await expect(session.environment.direct.end()).rejects.toThrow("the design called direct.end()");
    const { rows } = await session.environment.pool.query<{ one: number }>("SELECT 1 AS one");
    expect(rows).toEqual([{ one: 1 }]);
  });
});
