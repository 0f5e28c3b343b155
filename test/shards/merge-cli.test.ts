import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type CliRun, runCli } from "../support/cli.js";

// A run split with --shard K/N into jobs that each write --shard-result, merged by
// `invariant-lab merge` into the verdict the unsplit run gives; and the same run on worker threads.

/** The report without its first line (which names the run) and without times, which differ from run to run. */
const verdicts = (output: string): string =>
  output
    .split("\n")
    .slice(1)
    .join("\n")
    .replace(/\d[\d,]*(\.\d+)? (ms|s)\b/g, "T");

/** Like {@link verdicts}, for a merge: without the notes that say which shard a counterexample came from. */
const merged = (output: string): string => verdicts(output.replace(/^\(from shard .*\)\n/gm, ""));

const SLOW = 240_000;
let scratch = "";
const file = (name: string) => join(scratch, name);

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "invariant-lab-shards-"));
});
afterAll(async () => {
  if (scratch !== "") await rm(scratch, { recursive: true, force: true });
});

describe("exhaustive mode split into shards", () => {
  const proof = ["verify", "--exhaustive", "--scenario", "flight-booking", "--impl", "flight-versioned-aggregate", "--impl", "flight-naive", "--summary"];
  let whole: CliRun;

  beforeAll(async () => {
    const ran = await Promise.all([
      runCli(...proof),
      ...[1, 2, 3].map((index) => runCli(...proof, "--shard", `${index}/3`, "--shard-result", file(`proof-${index}.json`))),
    ]);
    whole = ran[0];
    for (const shard of ran) expect(shard.code, shard.stdout + shard.stderr).toBe(0);
  }, SLOW);

  test("merged, they prove what the whole run proves, with the same executions, and find the same minimal counterexample", async () => {
    const { code, stdout } = await runCli("merge", file("proof-1.json"), file("proof-2.json"), file("proof-3.json"));
    expect(code, stdout).toBe(0);
    expect(stdout).toContain("✓ verified  flight-booking · ");
    expect(stdout).toContain(": all interleavings of 425 programs, every shard proved its part");
    const executions = (output: string) => /flight-versioned-aggregate\) · memory · exhaustive: .*unbounded: ([\d,]+) executions/.exec(output)?.[1];
    expect(executions(stdout)).toBeDefined();
    expect(executions(stdout)).toBe(executions(whole.stdout));
    const violated = (output: string) => /✗ violated {2}flight-booking · .*minimal: .*/.exec(output)?.[0].replace(/found after [\d,]+ executions/, "");
    expect(violated(stdout)).toBeDefined();
    expect(violated(stdout)).toBe(violated(whole.stdout));
    expect(stdout).toContain("2 verdicts: 2 as expected, 0 unexpected.");
  });

  test(
    "a missing shard, a shard given twice, or a shard of another run is refused, naming it",
    async () => {
      const missing = await runCli("merge", file("proof-1.json"), file("proof-3.json"));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("shard 2/3 is missing: a verdict needs every shard's result");
      const twice = await runCli("merge", file("proof-1.json"), file("proof-2.json"), file("proof-2.json"), file("proof-3.json"));
      expect(twice.code).toBe(2);
      expect(twice.stderr).toContain(`shard 2/3 is given twice: ${file("proof-2.json")} and ${file("proof-2.json")}`);
      const other = await runCli(...proof, "--shard", "3/3", "--budget", "1000000", "--shard-result", file("other-3.json"));
      expect(other.code, other.stderr).toBe(0);
      const mismatch = await runCli("merge", file("proof-1.json"), file("proof-2.json"), file("other-3.json"));
      expect(mismatch.code).toBe(2);
      expect(mismatch.stderr).toContain(`${file("other-3.json")} (shard 3/3) is not a shard of the same run as ${file("proof-1.json")} (shard 1/3): budget`);
      await writeFile(file("not-a-result.json"), "{}");
      const garbage = await runCli("merge", file("proof-1.json"), file("not-a-result.json"));
      expect(garbage.code).toBe(2);
      expect(garbage.stderr).toContain(`${file("not-a-result.json")}: not a shard result`);
      const nothing = await runCli("merge");
      expect(nothing.code).toBe(2);
      expect(nothing.stderr).toContain("merge needs the shard results to combine");
    },
    SLOW,
  );

  test(
    "on two worker threads, the run prints the single thread's verdicts",
    async () => {
      const workers = await runCli(...proof, "--workers", "2");
      expect(workers.code, workers.stderr).toBe(0);
      expect(workers.stdout.split("\n")[0]).toContain("· 2 worker threads");
      expect(verdicts(workers.stdout)).toBe(verdicts(whole.stdout));
    },
    SLOW,
  );
});

describe("random mode split into shards", () => {
  const checks = ["verify", "--scenario", "flight-booking", "--impl", "flight-versioned-aggregate", "--impl", "flight-naive", "--runs", "150", "--seed", "3"];
  let whole: CliRun;

  beforeAll(async () => {
    const ran = await Promise.all([
      runCli(...checks),
      ...[1, 2].map((index) => runCli(...checks, "--shard", `${index}/2`, "--shard-result", file(`random-${index}.json`))),
    ]);
    whole = ran[0];
    for (const shard of ran) expect(shard.code, shard.stdout + shard.stderr).toBe(0);
  }, SLOW);

  test("each shard runs its checks of the matrix, and merged they print the whole run's verdicts", async () => {
    const first = await runCli("merge", file("random-2.json"), file("random-1.json"));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.split("\n")[0]).toBe("invariant-lab merge · 2 shards of one random run · seed 3");
    const lines = (output: string) =>
      merged(output)
        .split("\n")
        .filter((line) => line !== "" && !line.startsWith("memory:"));
    expect(lines(first.stdout)).toEqual(lines(whole.stdout));
    expect(first.stdout).toContain("4 verdicts: 4 as expected, 0 unexpected.");
  });

  test(
    "shards need the same seed",
    async () => {
      const unseeded = await runCli("verify", "--scenario", "flight-booking", "--shard", "1/2");
      expect(unseeded.code).toBe(2);
      expect(unseeded.stderr).toContain("--shard in random mode needs --seed");
      const other = await runCli(...checks.slice(0, -1), "4", "--shard", "2/2", "--shard-result", file("random-seed-4.json"));
      expect(other.code, other.stderr).toBe(0);
      const mismatch = await runCli("merge", file("random-1.json"), file("random-seed-4.json"));
      expect(mismatch.code).toBe(2);
      expect(mismatch.stderr).toContain("seed 3 against seed 4");
    },
    SLOW,
  );

  test(
    "on two worker threads, the run prints the single thread's verdicts in the same order",
    async () => {
      const workers = await runCli(...checks, "--workers", "2");
      expect(workers.code, workers.stderr).toBe(0);
      expect(workers.stdout.split("\n")[0]).toContain("· 2 worker threads");
      expect(verdicts(workers.stdout)).toBe(verdicts(whole.stdout));
    },
    SLOW,
  );
});
