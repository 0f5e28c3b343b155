import { afterAll, describe, expect, test } from "vitest";
import { startPostgresSession } from "../../backends/postgres/index.js";
import { verdictReport } from "../../engine/report/verdict-text.js";
import { snapshotAggregatesOnMariadb, snapshotAggregatesOnPostgres } from "../../implementations/assignment/kysely/snapshot-aggregates.js";
import { lockingReadEmailOnMariadb, lockingReadEmailOnPostgres } from "../../implementations/unique-email/kysely/locking-read.js";
import { catalogue } from "../../properties/catalogue.js";
import { familyOf } from "../../properties/families.js";
import { verify } from "../../properties/verify.js";
import { commandCount, preemptionCount } from "../support/verdicts.js";
import { fileSession } from "./support.js";

/**
 * Designs written once against Kysely, run on both engines over the pools the harness lends; only
 * the dialect differs. Each is correct on one engine and broken on the other:
 * - read-modify-write at REPEATABLE READ, retried on 40001: correct on PostgreSQL, whose second
 *   writer of a row fails with 40001 and runs again; on InnoDB the second UPDATE overwrites what the
 *   first committed after its snapshot (a lost update);
 * - check-then-insert behind SELECT … FOR UPDATE: correct on InnoDB, whose locking read locks the
 *   gap where the missing e-mail would go (then a deadlock, then the retry); on PostgreSQL it locks
 *   nothing, and both registrations insert.
 */

const mariadb = await fileSession();
// Started here rather than by test/postgres/global-setup.ts, which serves only test/postgres files.
const postgres = await startPostgresSession();
afterAll(() => postgres.stop());

const SEED = 20_240_601;
const pairs = [
  { family: "assignment", onPostgres: snapshotAggregatesOnPostgres, onMariadb: snapshotAggregatesOnMariadb, brokenOn: "mariadb" },
  { family: "unique-email", onPostgres: lockingReadEmailOnPostgres, onMariadb: lockingReadEmailOnMariadb, brokenOn: "postgres" },
] as const;
const cells = pairs.flatMap(({ family, onPostgres, onMariadb, brokenOn }) =>
  // The scenarios the catalogue names for the pair (all of the family's unless it names some).
  (familyOf(family)?.scenarios ?? [])
    .filter((scenario) => catalogue.find((entry) => entry.implementation === onPostgres)?.scenarios?.includes(scenario.name) ?? true)
    .flatMap((scenario) => [
      {
        name: `${scenario.name} · ${onPostgres.name}`,
        scenario,
        implementation: onPostgres,
        session: postgres,
        expected: brokenOn === "postgres" ? "violated" : "passed",
      },
      {
        name: `${scenario.name} · ${onMariadb.name}`,
        scenario,
        implementation: onMariadb,
        session: mariadb,
        expected: brokenOn === "mariadb" ? "violated" : "passed",
      },
    ]),
);

describe("same code, different engine", () => {
  test("the catalogue promises these verdicts", () => {
    for (const { implementation, expected } of cells) {
      expect(catalogue.find((entry) => entry.implementation === implementation)?.expected.concurrent).toBe(expected);
    }
  });

  test.each(cells)("$name", async ({ scenario, implementation, session, expected }) => {
    const verdict = await verify(scenario, implementation, session, { mode: "concurrent", seed: SEED, numRuns: 50 });
    expect(verdict.status, verdictReport(verdict, "")).toBe(expected);
    if (verdict.status !== "violated") return;
    // Two commands side by side, one switch between them: both engines' broken cases are that small.
    expect({ commands: commandCount(verdict), preemptions: preemptionCount(verdict) }, verdictReport(verdict, "")).toEqual({ commands: 2, preemptions: 1 });
  });
});
