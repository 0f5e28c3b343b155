import { afterAll, describe, expect, test } from "vitest";
import { memoryBackend } from "../../backends/memory.js";
import type { ProofVerdict } from "../../engine/exhaustive/proof.js";
import { encodeReplay } from "../../engine/exhaustive/replay-token.js";
import { selectTargets } from "../../cli/targets.js";
import { parseVerifyFlags } from "../../cli/verify-options.js";
import { WorkerPool } from "../../cli/workers/pool.js";
import { poolExplorer } from "../../cli/workers/pool-explorer.js";
import { verifyExhaustively } from "../../properties/verify-exhaustively.js";

// A proof on worker threads must be the proof on one thread: the same counts, the same
// counterexample with the same decisions. Only its time may differ.

const flags = parseVerifyFlags(["--exhaustive", "--scenario", "flight-booking", "--impl", "flight-versioned-aggregate", "--impl", "flight-naive"]);
const targets = await selectTargets(flags);
const session = await memoryBackend.start();
const pool = WorkerPool.start(2, flags);
afterAll(() => pool.close());

/** Everything a verdict says except how long it took. */
const timeless = (verdict: ProofVerdict) => {
  const { durationMs, counterexample, ...rest } = verdict;
  expect(durationMs).toBeGreaterThan(0);
  if (counterexample === undefined) return rest;
  const { execution, ...example } = counterexample;
  return { ...rest, example, token: encodeReplay(counterexample), fingerprint: execution.fingerprint, preemptions: execution.preemptions };
};

describe("a proof on two worker threads", () => {
  test.each(targets.map((target, index) => ({ target, index, name: target.implementation.name })))(
    "$name: the same verdict as on one thread",
    async ({ target, index }) => {
      const alone = await verifyExhaustively(target.scenario, target.implementation, session);
      const onWorkers = await verifyExhaustively(target.scenario, target.implementation, session, { explorer: poolExplorer(pool, index) });
      expect(timeless(onWorkers)).toEqual(timeless(alone));
      expect(onWorkers.status).toBe(target.expected.concurrent === "passed" ? "verified" : "violated");
      // Work was done, and on a proof every program was walked to its end.
      expect(onWorkers.executions).toBeGreaterThan(0);
      if (onWorkers.status === "verified") expect(onWorkers.programsExplored).toBe(onWorkers.programs);
    },
    120_000,
  );

  test("an execution budget is shared by the workers: the search stops at it and is not a proof", async () => {
    const index = targets.findIndex((target) => target.implementation.name === "flight-versioned-aggregate");
    const target = targets[index];
    if (target === undefined) throw new Error("no flight-versioned-aggregate target");
    const verdict = await verifyExhaustively(target.scenario, target.implementation, session, {
      budget: { executions: 300 },
      explorer: poolExplorer(pool, index),
    });
    expect(verdict).toMatchObject({ status: "incomplete", stoppedBy: "executions", executions: 300 });
    expect(verdict.programsExplored).toBeLessThan(verdict.programs);
  }, 120_000);
});
