import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { selectTargets } from "../../cli/targets.js";
import { parseVerifyFlags, UsageError } from "../../cli/verify-options.js";
import { flagRefusal } from "../support/cli.js";

const positive = "Expected a decimal integer of at least 1";
const seedRange = "Expected a decimal integer from -2147483648 to 2147483647";
const pathFormat = "Expected a counterexample path: numbers joined by colons";

describe("verify refuses a malformed flag with one line naming the flag and what it accepts", () => {
  test.each([
    [["--mode", "bogus"], '--mode "bogus": Expected "sequential" | "concurrent" | "all"'],
    [["--runs", "zero"], `--runs "zero": ${positive}`],
    [["--runs", "0"], `--runs "0": ${positive}`],
    [["--runs", "-1"], `--runs "-1": ${positive}`],
    // Number() would read these as 1000, 16 and 1e20: a typo would silently run another check.
    [["--runs", "1e3"], `--runs "1e3": ${positive}`],
    [["--runs", "0x10"], `--runs "0x10": ${positive}`],
    [["--runs", "1e20"], `--runs "1e20": ${positive}`],
    [["--runs", "99999999999999999999"], `--runs "99999999999999999999": ${positive}`],
    [["--runs", "2.5"], `--runs "2.5": ${positive}`],
    [["--runs", " 5"], `--runs " 5": ${positive}`],
    [["--seed", "1.5"], `--seed "1.5": ${seedRange}`],
    [["--seed", "2147483648"], `--seed "2147483648": ${seedRange}`],
    [["--seed", "-2147483649"], `--seed "-2147483649": ${seedRange}`],
    [["--seed", "seven"], `--seed "seven": ${seedRange}`],
    [["--seed", "7", "--path", "zzz"], `--path "zzz": ${pathFormat}`],
    [["--seed", "7", "--path", "1::2"], `--path "1::2": ${pathFormat}`],
    [["--seed", "7", "--path", "1:"], `--path "1:": ${pathFormat}`],
    [["--seed", "7", "--path", "-1"], `--path "-1": ${pathFormat}`],
    [["--path", "1:2"], "--path replays a counterexample and needs the --seed printed beside it"],
    [["--time-limit", "0"], `--time-limit "0": ${positive}`],
    [["--linearizability-budget", "lots"], `--linearizability-budget "lots": ${positive}`],
    [["--linearizability-budget", "-5"], `--linearizability-budget "-5": ${positive}`],
    [["--strategy", "chaos"], '--strategy "chaos": Expected "uniform" | "preemptions" | "mixed" | "pct"'],
    [["--exhaustive", "--budget", "ten"], '--budget "ten": Expected a number of executions (20000) or of seconds (30s), above zero'],
    [["--exhaustive", "--budget", "0"], '--budget "0": Expected a number of executions'],
    [["--exhaustive", "--budget", "1e3"], '--budget "1e3": Expected a number of executions'],
    [["--exhaustive", "--preemption-bound", "-1"], '--preemption-bound "-1": Expected a decimal integer of at least 0'],
    [["--exhaustive", "--preemption-bound", "two"], '--preemption-bound "two": Expected a decimal integer of at least 0'],
    [["--seed"], "--seed needs a value: a decimal integer from -2147483648 to 2147483647"],
    [["--seed", "--runs", "5"], "--seed needs a value: a decimal integer from -2147483648 to 2147483647"],
    [["--runs"], "--runs needs a value: a decimal integer of at least 1"],
    [["--mode"], "--mode needs a value: sequential, concurrent or all"],
    [["--summary=yes"], "--summary takes no value"],
    [["--frobnicate"], "Unknown option '--frobnicate'"],
    [["lamp-socket"], "Unexpected argument 'lamp-socket'"],
    [["--reporter", "xml", "--output", "r.xml"], '--reporter "xml": Expected "text" | "junit" | "json"'],
    [["--reporter", "junit"], "--reporter junit writes a file for CI: name it with --output FILE"],
    [["--output", "r.xml"], "--output names the file of a --reporter junit or json report"],
    [["--reporter", "json", "--output"], "--output needs a value: the file to write the --reporter's report to"],
    [["--summary", "--verbose"], "--summary prints no reports and --verbose prints all of them: choose one"],
  ])("%j: %s", (args, message) => {
    const text = flagRefusal(args);
    expect(text).toContain(message);
    expect(text).not.toContain("\n");
  });
});

describe("flags that mean one mode are refused in the other, so nothing is silently ignored", () => {
  test.each([
    [["--exhaustive", "--runs", "5"], "--runs applies to random mode, not to --exhaustive"],
    [["--exhaustive", "--seed", "-5"], "--seed applies to random mode, not to --exhaustive"],
    [["--exhaustive", "--strategy", "pct"], "--strategy applies to random mode, not to --exhaustive"],
    [["--exhaustive", "--reporter", "junit", "--output", "r.xml"], "--reporter applies to random mode, not to --exhaustive"],
    [["--budget", "10"], "--budget applies to --exhaustive only"],
    [["--replay", "eyJ9"], "--replay applies to --exhaustive only"],
    [["--domain", "sequenced"], "--domain applies to --exhaustive only"],
    [["--exhaustive", "--measure-reduction", "--no-reduction"], "--measure-reduction compares against the search without reduction"],
    [["--exhaustive", "--measure-reduction", "--preemption-bound", "1"], "--measure-reduction compares against the search without reduction"],
  ])("%j: %s", (args, message) => {
    expect(flagRefusal(args)).toContain(message);
  });
});

describe("verify decodes its flags into one complete object", () => {
  test("defaults", () => {
    expect(parseVerifyFlags([])).toEqual({
      scenarios: [],
      implementations: [],
      families: [],
      backends: [],
      modes: ["sequential", "concurrent"],
      runs: undefined,
      seed: undefined,
      path: undefined,
      timeLimitMs: undefined,
      linearizabilityBudget: undefined,
      summary: false,
      verbose: false,
      reporter: "text",
      output: undefined,
      strategy: "uniform",
      exhaustive: false,
      budget: undefined,
      domain: "default",
      preemptionBound: undefined,
      reduction: true,
      measureReduction: false,
      replay: undefined,
      html: undefined,
      shard: { index: 1, count: 1 },
      shardResult: undefined,
      workers: 1,
    });
  });

  test("a replay of random mode: negative seeds bind to --seed, as fast-check prints them", () => {
    expect(parseVerifyFlags(["--seed", "-984033307", "--path", "12:0:3", "--mode", "concurrent"])).toMatchObject({
      seed: -984033307,
      path: "12:0:3",
      modes: ["concurrent"],
    });
    expect(parseVerifyFlags(["--seed", "-5"])).toMatchObject({ seed: -5 });
    expect(parseVerifyFlags(["--seed=-5"])).toMatchObject({ seed: -5 });
    expect(parseVerifyFlags(["--seed", "-2147483648", "--runs", "3"])).toMatchObject({ seed: -2147483648, runs: 3 });
  });

  test("filters repeat; the strategy, limits and budgets decode", () => {
    expect(
      parseVerifyFlags([
        "--impl",
        "naive",
        "--impl",
        "registry",
        "--family",
        "./our-family.ts",
        "--scenario",
        "lamp-socket",
        "--backend",
        "memory",
        "--strategy",
        "pct",
        "--time-limit",
        "500",
        "--linearizability-budget",
        "1000",
        "--summary",
      ]),
    ).toMatchObject({
      implementations: ["naive", "registry"],
      families: ["./our-family.ts"],
      scenarios: ["lamp-socket"],
      backends: ["memory"],
      strategy: "pct",
      timeLimitMs: 500,
      linearizabilityBudget: 1000,
      summary: true,
    });
  });

  test("a report for CI: the reporter and its file", () => {
    expect(parseVerifyFlags(["--reporter", "junit", "--output", "reports/verify.xml"])).toMatchObject({ reporter: "junit", output: "reports/verify.xml" });
    expect(parseVerifyFlags(["--reporter=json", "--output=verify.json", "--verbose"])).toMatchObject({
      reporter: "json",
      output: "verify.json",
      verbose: true,
    });
  });

  test("exhaustive options", () => {
    expect(parseVerifyFlags(["--exhaustive", "--budget", "30s", "--preemption-bound", "2"])).toMatchObject({
      exhaustive: true,
      budget: { seconds: 30 },
      preemptionBound: 2,
      reduction: true,
    });
    expect(parseVerifyFlags(["--exhaustive", "--budget", "5000", "--no-reduction"])).toMatchObject({ budget: { executions: 5000 }, reduction: false });
    expect(parseVerifyFlags(["--exhaustive", "--budget", "1.5s", "--preemption-bound", "0", "--linearizability-budget", "50"])).toMatchObject({
      budget: { seconds: 1.5 },
      preemptionBound: 0,
      linearizabilityBudget: 50,
    });
    expect(parseVerifyFlags(["--exhaustive", "--measure-reduction"])).toMatchObject({ measureReduction: true, reduction: true });
    expect(parseVerifyFlags(["--exhaustive", "--domain", "sequenced"])).toMatchObject({ domain: "sequenced" });
    expect(parseVerifyFlags(["--exhaustive", "--domain", "pairs"])).toMatchObject({ domain: "pairs" });
    expect(flagRefusal(["--exhaustive", "--domain", "huge"])).toContain('--domain "huge"');
  });

  test("every 32-bit seed and every safe run count reads back as written", () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (seed, runs) => {
        expect(parseVerifyFlags(["--seed", String(seed), "--runs", String(runs)])).toMatchObject({ seed, runs });
      }),
    );
  });
});

describe("verify refuses filters that name nothing, before anything runs", () => {
  test.each([
    [["--impl", "nope"], 'unknown implementation "nope"; valid implementations: naive,'],
    [["--scenario", "nope"], 'unknown scenario "nope"; valid scenarios: group-membership,'],
    [["--backend", "oracle"], 'unknown backend "oracle"; valid backends: memory'],
    [["--impl", "./test/fixtures/not-an-implementation.ts"], "exports no implementation"],
    [["--impl", "./test/fixtures/missing-claim.ts"], 'export "halfDone" is not a valid implementation'],
    [["--impl", "./test/fixtures/absent.ts"], "--impl ./test/fixtures/absent.ts: no such file ("],
    [["--impl", "naive", "--backend", "postgres"], "the filters select nothing to verify"],
  ])("%j: %s", async (args, message) => {
    const selection = selectTargets(parseVerifyFlags(args));
    await expect(selection).rejects.toBeInstanceOf(UsageError);
    await expect(selection).rejects.toThrow(message);
  });
});
