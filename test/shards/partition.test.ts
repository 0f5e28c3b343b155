import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { memoryBackend } from "../../backends/memory.js";
import { type ProgramExplorer, serialExplorer } from "../../engine/exhaustive/explorer.js";
import type { ProofVerdict } from "../../engine/exhaustive/proof.js";
import { type Shard, WHOLE } from "../../engine/shard.js";
import { flightBooking } from "../../model/flight-booking/scenarios.js";
import { catalogue } from "../../properties/catalogue.js";
import { verifyExhaustively } from "../../properties/verify-exhaustively.js";
import { selectTargets } from "../../cli/targets.js";
import { selectEventualTargets } from "../../cli/verify-eventual.js";
import { checksOf } from "../../cli/verify-command.js";
import { parseVerifyFlags } from "../../cli/verify-options.js";

// The shards of a run must make the whole run: every check (random mode) or every program of a
// proof domain (exhaustive mode) in exactly one shard, whatever the number of shards.

const shards = (count: number): ReadonlyArray<Shard> => Array.from({ length: count }, (_unused, index) => ({ index: index + 1, count }));

/** Every shard's items: disjoint, and together exactly the unsharded run's, in its order. */
const expectPartition = <T>(whole: ReadonlyArray<T>, parts: ReadonlyArray<ReadonlyArray<T>>): void => {
  const all = parts.flat();
  expect(new Set(all).size).toBe(all.length);
  expect(new Set(all)).toEqual(new Set(whole));
  expect(all.length).toBe(whole.length);
};

describe("random mode: the shards partition the matrix's checks", () => {
  test("for every number of shards, on the whole catalogue in both modes", async () => {
    const flags = parseVerifyFlags([]);
    const eventual = selectEventualTargets(flags);
    const targets = await selectTargets(flags, eventual.length);
    const whole = checksOf(targets, eventual, flags).checks.map((check) => check.title);
    expect(whole.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: whole.length + 3 }), (count) => {
        const parts = shards(count).map((shard) => checksOf(targets, eventual, { ...flags, shard }).checks.map((check) => check.title));
        expectPartition(whole, parts);
        // Dealt in turn: no shard has more than one check more than another.
        const sizes = parts.map((part) => part.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

const session = await memoryBackend.start();

describe("exhaustive mode: the shards partition each proof domain's programs", () => {
  const design = (name: string) => {
    const entry = catalogue.find((candidate) => candidate.implementation.name === name);
    if (entry === undefined) throw new Error(`no design ${name}`);
    return entry.implementation;
  };

  /** The positions of the programs a proof walked, as its explorer was handed them. */
  const prove = async (name: string, shard: Shard): Promise<{ readonly positions: ReadonlyArray<number>; readonly verdict: ProofVerdict }> => {
    const positions: number[] = [];
    const recording: ProgramExplorer = {
      explore: (programs, runner, walk) => {
        positions.push(...programs.map((program) => program.position));
        return serialExplorer.explore(programs, runner, walk);
      },
    };
    const verdict = await verifyExhaustively(flightBooking, design(name), session, { shard, explorer: recording });
    return { positions, verdict };
  };

  test("a correct design: the shards walk every program once, and together prove what the whole proves", async () => {
    const whole = await prove("flight-versioned-aggregate", WHOLE);
    expect(whole.verdict.status).toBe("verified");
    expect(whole.positions).toEqual(Array.from({ length: whole.verdict.programs }, (_unused, index) => index));
    for (const count of [2, 3, 7]) {
      const parts = await Promise.all(shards(count).map((shard) => prove("flight-versioned-aggregate", shard)));
      expectPartition(
        whole.positions,
        parts.map((part) => part.positions),
      );
      for (const { verdict } of parts) expect(verdict).toMatchObject({ status: "verified", shard: { count, domainPrograms: whole.verdict.programs } });
      expect(parts.reduce((sum, part) => sum + part.verdict.programs, 0)).toBe(whole.verdict.programs);
      // Each program's walk does not depend on the shard it is in: the executions add up exactly.
      expect(parts.reduce((sum, part) => sum + part.verdict.executions, 0)).toBe(whole.verdict.executions);
    }
  });

  test("a known-broken design: the smallest counterexample of the shards is the whole search's", async () => {
    const whole = await prove("flight-naive", WHOLE);
    expect(whole.verdict.status).toBe("violated");
    const parts = await Promise.all(shards(3).map((shard) => prove("flight-naive", shard)));
    const found = parts.flatMap(({ verdict }) => (verdict.counterexample === undefined ? [] : [verdict.counterexample]));
    expect(found.length).toBeGreaterThan(0);
    const size = (example: (typeof found)[number]) => example.program.prefix.length + example.program.branches.flat().length;
    const [smallest] = [...found].sort(
      (a, b) => size(a) - size(b) || a.execution.preemptions - b.execution.preemptions || (a.position ?? 0) - (b.position ?? 0),
    );
    expect(smallest?.position).toBe(whole.verdict.counterexample?.position);
    expect(smallest?.program).toEqual(whole.verdict.counterexample?.program);
    expect(smallest?.decisions).toEqual(whole.verdict.counterexample?.decisions);
  });
});
