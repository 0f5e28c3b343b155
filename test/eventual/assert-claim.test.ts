import { expect, test } from "vitest";
import { nonIdempotentSaga } from "../../implementations/assignment/memory/non-idempotent-saga.js";
import { slotReservationSaga } from "../../implementations/assignment/memory/slot-reservation-saga.js";
import { assertClaim } from "../../properties/assert-claim.js";

test("assertClaim passes an eventually-consistent design that keeps its claim", async () => {
  const verdicts = await assertClaim(slotReservationSaga, { scenarios: ["group-membership"], numRuns: 50, seed: 7 });
  expect(verdicts.map((verdict) => [verdict.mode, verdict.status])).toEqual([
    ["sequential", "passed"],
    ["concurrent", "passed"],
  ]);
});

test("assertClaim throws for a broken eventually-consistent design, with a replay that reproduces its fault", async () => {
  const failure = await assertClaim(nonIdempotentSaga, { scenarios: ["group-membership"], modes: ["sequential"], numRuns: 100, seed: 7 }).then(
    () => "",
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  expect(failure).toContain("does not keep its claim (eventually-consistent)");
  expect(failure).toContain("⧉");
  const replay = /replay: assertClaim\(design, \{ scenarios: \["group-membership"\], modes: \["sequential"\], seed: (-?\d+), path: "([\d:]+)" \}\)/.exec(
    failure,
  );
  expect(replay, failure).not.toBeNull();
  const again = await assertClaim(nonIdempotentSaga, {
    scenarios: ["group-membership"],
    modes: ["sequential"],
    seed: Number(replay?.[1]),
    path: replay?.[2] ?? "",
  }).then(
    () => "",
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  expect(again).toContain("⧉");
  expect(again).toContain("found after 1 run");
});
