import { afterAll, beforeAll, expect, test } from "vitest";
import { backendNamed } from "../../backends/index.js";
import type { BackendSession } from "../../engine/backend.js";
import { engineSearch } from "../../bench/engine-search.js";
import { knownBrokenPairs, pairTitle } from "../../bench/pairs.js";

let session: BackendSession;
beforeAll(async () => {
  session = await (backendNamed("memory") as NonNullable<ReturnType<typeof backendNamed>>).start();
});
afterAll(() => session.stop());

// The bench's time to the first failure and runs per check read a clock every run ticks, whether or
// not the bench also watches the runs: both columns once read "not found" and 0 on every pair.
test("a search times every run, with no watcher of its own", async () => {
  const pair = knownBrokenPairs("memory").find((candidate) => pairTitle(candidate) === "group-membership · naive");
  expect(pair).toBeDefined();
  const sample = await engineSearch({ session, numRuns: 100 })(pair as NonNullable<typeof pair>, 1000);
  expect(sample.found).toBe(true);
  expect(sample.msToFailure).toBeGreaterThan(0);
  expect(sample.msToFailure).toBeLessThanOrEqual(sample.totalMs);
  expect(sample.totalRuns).toBeGreaterThanOrEqual(sample.runsToFailure);
});
