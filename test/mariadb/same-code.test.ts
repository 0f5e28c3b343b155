import { afterAll, describe, expect, test } from "vitest";
import { startPostgresSession } from "../../backends/postgres/index.js";
import { verdictReport } from "../../engine/report/verdict-text.js";
import { snapshotAggregatesOnMariadb, snapshotAggregatesOnPostgres } from "../../implementations/assignment/kysely/snapshot-aggregates.js";
import { assignmentScenarios } from "../../model/assignment/scenarios.js";
import { verify } from "../../properties/verify.js";
import { commandCount, preemptionCount } from "../support/verdicts.js";
import { fileSession } from "./support.js";

/**
 * One design written once against Kysely, run on both engines over the pools the harness lends.
 * Read-modify-write at REPEATABLE READ with a retry on 40001 is correct on PostgreSQL, whose
 * second writer of a row fails with 40001 and runs again; on MariaDB the second writer's UPDATE
 * overwrites what the first committed after its snapshot: a lost update, found with two commands.
 */

const mariadb = await fileSession();
// Started here rather than by test/postgres/global-setup.ts, which serves only test/postgres files.
const postgres = await startPostgresSession();
afterAll(() => postgres.stop());

const SEED = 20_240_601;
const cells = assignmentScenarios.flatMap((scenario) => [
  { scenario, implementation: snapshotAggregatesOnPostgres, session: postgres, expected: "passed" },
  { scenario, implementation: snapshotAggregatesOnMariadb, session: mariadb, expected: "violated" },
]);

describe("same code, different engine", () => {
  test.each(cells.map((cell) => ({ ...cell, name: `${cell.scenario.name} · ${cell.implementation.name}` })))("$name", async ({ scenario, implementation, session, expected }) => {
    const verdict = await verify(scenario, implementation, session, { mode: "concurrent", seed: SEED, numRuns: 50 });
    expect(verdict.status, verdictReport(verdict, "")).toBe(expected);
    if (verdict.status !== "violated") return;
    expect({ commands: commandCount(verdict), preemptions: preemptionCount(verdict) }, verdictReport(verdict, "")).toEqual({ commands: 2, preemptions: 1 });
    // Both commands saved over the same empty aggregates: the second commit overwrote the first (a lost update).
    expect(verdict.counterexample?.execution.history.operations.map((operation) => operation.outcome)).toEqual(["joined", "joined"]);
  });
});
