import { describe, expect, test } from "vitest";
import { naiveUniqueEmailOnPostgres } from "../../implementations/unique-email/postgres/naive.js";
import { serializableUniqueEmail } from "../../implementations/unique-email/postgres/serializable.js";
import { uniqueIndexUniqueEmail } from "../../implementations/unique-email/postgres/unique-index.js";
import { uniqueEmail } from "../../model/unique-email/scenarios.js";
import type { UniqueEmailCommand } from "../../model/unique-email/types.js";
import { verifyCatalogue } from "../support/catalogue-matrix.js";
import { underEverySchedule } from "./every-schedule.js";
import { sessionLanes } from "./support.js";

const inLane = await sessionLanes(2);

verifyCatalogue("unique-email", "postgres", inLane);

const register = (user: string, email: string): UniqueEmailCommand => ({ _tag: "register", user, email });
const changeEmail = (user: string, email: string): UniqueEmailCommand => ({ _tag: "changeEmail", user, email });
const changeEmailIfCurrent = (user: string, expected: string, email: string): UniqueEmailCommand => ({ _tag: "changeEmailIfCurrent", user, expected, email });

describe.concurrent("races on one e-mail, under every schedule", () => {
  test("the unique index gives one e-mail to a change or to a registration, never to both", async () => {
    const race = { prefix: [register("u1", "a@x.io")], branches: [[changeEmail("u1", "b@x.io")], [register("u2", " B@x.io")]] };
    const results = await underEverySchedule(inLane, uniqueEmail, uniqueIndexUniqueEmail, race);
    for (const { failure, outcomes } of results) {
      expect(failure).toBeUndefined();
      expect([
        ["changed", "email-taken"],
        ["email-taken", "registered"],
      ]).toContainEqual([...outcomes].sort());
    }
    // Some schedules send the registration while the change is uncommitted: it waits, then fails on the index.
    expect(results.some(({ waited, answers }) => waited && answers.some((answer) => answer.includes("23505 unique_violation (users_email_key)")))).toBe(true);
  });

  // Both callers saw u1's e-mail (in two spellings) and want to replace it: exactly one may win.
  const compareAndSet = {
    prefix: [register("u1", "a@x.io")],
    branches: [[changeEmailIfCurrent("u1", "a@x.io", "b@x.io")], [changeEmailIfCurrent("u1", " A@x.io", "c@x.io")]],
  };

  test.each([uniqueIndexUniqueEmail, serializableUniqueEmail])("$name lets exactly one of two racing compare-and-sets win", async (implementation) => {
    const results = await underEverySchedule(inLane, uniqueEmail, implementation, compareAndSet);
    for (const { failure, outcomes } of results) {
      expect(failure).toBeUndefined();
      expect([...outcomes].sort()).toEqual(["changed", "stale"]);
    }
    // Some schedules make the second one wait for the first one's lock on u1's row.
    expect(results.some(({ waited }) => waited)).toBe(true);
  });

  test("the naive design lets both compare-and-sets win when the second reads before the first commits", async () => {
    const results = await underEverySchedule(inLane, uniqueEmail, naiveUniqueEmailOnPostgres, compareAndSet);
    expect(results.some(({ failure, outcomes }) => failure?.kind === "not-linearizable" && outcomes.every((outcome) => outcome === "changed"))).toBe(true);
  });
});
