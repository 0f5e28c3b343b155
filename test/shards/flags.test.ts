import { availableParallelism } from "node:os";
import { describe, expect, test } from "vitest";
import { parseVerifyFlags } from "../../cli/verify-options.js";
import { flagRefusal } from "../support/cli.js";

describe("--shard, --shard-result and --workers", () => {
  test.each([
    [["--exhaustive", "--shard", "0/2"], '--shard "0/2": Expected K/N, this job\'s shard K of N shards, 1 ≤ K ≤ N (2/4)'],
    [["--exhaustive", "--shard", "3/2"], '--shard "3/2": Expected K/N'],
    [["--exhaustive", "--shard", "1/0"], '--shard "1/0": Expected K/N'],
    [["--exhaustive", "--shard", "two"], '--shard "two": Expected K/N'],
    [["--exhaustive", "--shard"], "--shard needs a value: K/N, this job's shard K of N shards (2/4)"],
    [["--workers", "0"], '--workers "0"'],
    [["--workers", "257"], '--workers "257"'],
    [["--workers", "many"], '--workers "many"'],
    [["--shard-result"], "--shard-result needs a value: a file to write this shard's result to"],
    [["--shard", "1/2"], "--shard in random mode needs --seed: every shard must run the same seed"],
    [["--seed", "1", "--path", "3:1", "--shard", "1/2"], "--path replays one counterexample: it is not split into shards"],
    [["--exhaustive", "--replay", "eyJ9", "--shard", "1/2"], "--replay runs one execution: it is not split into shards"],
  ])("%j is refused: %s", (args, message) => {
    expect(flagRefusal(args)).toContain(message);
  });

  test("the whole run on one thread by default; a shard, a result file and workers when asked", () => {
    expect(parseVerifyFlags([])).toMatchObject({ shard: { index: 1, count: 1 }, shardResult: undefined, workers: 1 });
    expect(parseVerifyFlags(["--exhaustive", "--shard", "2/4", "--shard-result", "part.json", "--workers", "3"])).toMatchObject({
      shard: { index: 2, count: 4 },
      shardResult: "part.json",
      workers: 3,
    });
    expect(parseVerifyFlags(["--workers", "auto"]).workers).toBe(availableParallelism());
    expect(parseVerifyFlags(["--seed", "5", "--shard", "4/4"]).shard).toEqual({ index: 4, count: 4 });
  });
});
