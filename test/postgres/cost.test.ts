import type { Pool } from "pg";
import { describe, expect, test } from "vitest";
import { measureCost } from "../../engine/cost/measure.js";
import { defineImplementation } from "../../engine/implementation.js";
import { groupMembership } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";
import { assignmentCommands } from "../../properties/assignment/commands.js";
import { assignmentCatalogue } from "../../properties/assignment/catalogue.js";
import { assignmentFamily } from "../../properties/assignment/family.js";
import { succeededIn } from "../../properties/eventual/successes.js";
import { slotReservationSagaOnPostgres } from "../../implementations/assignment/postgres/slot-reservation-saga.js";
import { fileSession } from "./support.js";

const session = await fileSession();
const settings = { workers: 4, commands: 40, copies: 4, seed: 9, commandTimeLimitMs: 10_000 };

/** Every command: one transaction the server fails with a serialization failure, then the command's success. */
const failsOnceThenJoins = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, { pool: Pool }>({
  family: "assignment",
  name: "fails-once",
  design: "a transaction rolled back once per command",
  backend: "postgres",
  claim: "linearizable",
  create: ({ pool }) => ({
    async execute(command) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$").catch(() => undefined);
        await client.query("ROLLBACK");
        await client.query("SELECT 1");
        return command._tag === "join" ? "joined" : "left";
      } finally {
        client.release();
      }
    },
    snapshot: () => ({ memberSide: [], containerSide: [] }),
  }),
});

describe("measureCost on PostgreSQL", () => {
  test("each transaction the server rolls back is counted against the command that ran it", async () => {
    const figures = await measureCost(groupMembership, failsOnceThenJoins, assignmentCommands as never, succeededIn(assignmentFamily), session, settings);
    expect(figures).toMatchObject({ commands: 40, rolledBack: 40, rollbacks: 40, errors: 0 });
  });

  test("a correct catalogue design runs the whole workload, spread over copies of the ids, without errors", async () => {
    const rowLocks = assignmentCatalogue.find((entry) => entry.implementation.name === "pg-row-locks")?.implementation;
    if (rowLocks === undefined) throw new Error("the catalogue has no design named pg-row-locks");
    const figures = await measureCost(groupMembership, rowLocks, assignmentCommands as never, succeededIn(assignmentFamily), session, settings);
    expect(figures).toMatchObject({ commands: 40, errors: 0, firstError: undefined, rolledBack: 0 });
  });

  test("a saga on PostgreSQL settles every request of the workload, through its outbox and relay, without errors", async () => {
    const figures = await measureCost(
      groupMembership,
      slotReservationSagaOnPostgres,
      assignmentCommands as never,
      succeededIn(assignmentFamily),
      session,
      settings,
    );
    expect(figures).toMatchObject({ commands: 40, errors: 0, firstError: undefined });
    expect(figures.refused).toBeLessThan(40);
  });
});
