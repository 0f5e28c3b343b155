import { describe, expect, test } from "vitest";
import { selectTargets } from "../../cli/targets.js";
import { parseVerifyFlags, UsageError } from "../../cli/verify-options.js";
import { waitlistFamily } from "../../examples/waitlist/family.js";
import { runCli } from "../support/cli.js";
import { timelineText } from "../support/text-timeline.js";

const family = "./examples/waitlist/family.ts";
const naive = "./examples/waitlist/naive-waitlist.ts";

const refusal = async (args: ReadonlyArray<string>): Promise<string> => {
  const error = await selectTargets(parseVerifyFlags(args)).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
};

describe("--family FILE", () => {
  test("gives a team's design its family, and the replay names the file again", async () => {
    const targets = await selectTargets(parseVerifyFlags(["--impl", naive, "--family", family]));
    expect(targets.map((target) => `${target.scenario.name} ${target.implementation.name}`)).toEqual(["last-seat naive-waitlist", "full-house naive-waitlist"]);
    expect(targets.every((target) => target.family === waitlistFamily && target.familyArgument === family)).toBe(true);
  });

  test("a design file that exports its family needs none, and its replay names none", async () => {
    const targets = await selectTargets(parseVerifyFlags(["--impl", "./test/fixtures/waitlist-design-with-family.ts", "--scenario", "full-house"]));
    expect(targets.map((target) => [target.scenario.name, target.implementation.name, target.familyArgument])).toEqual([
      ["full-house", "locked-waitlist", undefined],
    ]);
    expect(targets[0]?.family).toBe(waitlistFamily);
  });

  test.each([
    [["--impl", naive, "--family", "./examples/waitlist/nowhere.ts"], "--family ./examples/waitlist/nowhere.ts: no such file ("],
    [
      ["--impl", naive, "--family", naive],
      `--family ${naive}: exports no family (what defineFamily(model, { scenarios, commands }) returns); its exports: naiveWaitlist`,
    ],
    [["--impl", naive, "--family", `${family}#Join`], `--family ${family}#Join: export "Join" is not a family`],
    [["--impl", naive, "--family", `${family}#seatMap`], `--family ${family}#seatMap: ${family} has no export "seatMap"`],
    [["--impl", naive, "--family", "./test/fixtures/broken-family.ts"], 'export "brokenFamily" is not a valid family: it has no scenario'],
    [
      ["--impl", naive, "--family", "./test/fixtures/built-in-name-family.ts"],
      '--family ./test/fixtures/built-in-name-family.ts: family "flight-booking" takes the name of a built-in family: rename it',
    ],
    [
      ["--impl", naive],
      `design "naive-waitlist" (--impl ${naive}) implements family "waitlist", which is not built in (built-in: assignment, unique-email, tenant-subscription, bank-transfer, flight-booking): export its family from the design file, or name the file that defines it with --family FILE`,
    ],
    [
      ["--impl", "./test/fixtures/misnamed-family-design.ts", "--impl", naive, "--family", family],
      `design "misnamed" (--impl ./test/fixtures/misnamed-family-design.ts) implements family "wait-list", which no file given defines (they define: waitlist (--family ${family}))`,
    ],
    [
      ["--impl", naive, "--family", family, "--family", "./test/fixtures/second-waitlist-family.ts"],
      `family "waitlist" is defined twice, by --family ${family} and by --family ./test/fixtures/second-waitlist-family.ts: keep one definition`,
    ],
    [["--impl", "./examples/naive-join.ts", "--family", family], `--family ${family}: defines "waitlist", which no design of the --impl files implements`],
    [["--impl", "naive", "--family", family], "--family defines a team's family: name the designs that implement it with --impl FILE"],
    [["--impl", naive, "--family", family, "--scenario", "last-sit"], 'unknown scenario "last-sit"; valid scenarios: group-membership,'],
  ])("%j is refused, saying what and where", async (args, reason) => {
    expect(await refusal(args)).toContain(reason);
  });

  test("a family found twice in one module is the same family, not a clash", async () => {
    const targets = await selectTargets(
      parseVerifyFlags(["--impl", "./test/fixtures/waitlist-design-with-family.ts", "--family", family, "--scenario", "last-seat"]),
    );
    expect(targets).toHaveLength(1);
  });
});

describe("invariant-lab verify --family, end to end", () => {
  test("a bad --family exits 2 with one line", async () => {
    const { code, stderr } = await runCli("verify", "--impl", naive, "--family", "./nowhere.ts");
    expect(code).toBe(2);
    expect(stderr.trimEnd().split("\n")).toEqual([expect.stringContaining("--family ./nowhere.ts: no such file"), 'Run "invariant-lab help" for the options.']);
  });

  test("the naive waitlist is caught, and its replay (with --family) reproduces the counterexample", { timeout: 60_000 }, async () => {
    const first = await runCli("verify", "--impl", naive, "--family", family, "--scenario", "last-seat", "--mode", "concurrent", "--seed", "7");
    expect(first.code, first.stderr).toBe(1);
    expect(first.stdout).toContain("shrunk to 2 commands with 1 preemption  ← its claim (linearizable) does not hold");
    const replay = /replay: npx invariant-lab (.*)/.exec(first.stdout)?.[1];
    expect(replay).toContain(`--impl ${naive} --family ${family} --mode concurrent`);
    const again = await runCli(...(replay as string).split(" "));
    expect(timelineText(again.stdout)).toBe(timelineText(first.stdout));
    expect(again.stdout).toContain("found after 1 run,");
  });
});
