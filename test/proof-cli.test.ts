import { describe, expect, test } from "vitest";
import { runExhaustive } from "../cli/exhaustive-command.js";
import { parseVerifyFlags } from "../cli/verify-options.js";
import { runCli } from "./support/cli.js";
import { timelineText } from "./support/text-timeline.js";

describe("verify --exhaustive", () => {
  test("a known-broken design gets its minimal counterexample and a replay that reproduces it exactly", async () => {
    const first = await runCli("verify", "--exhaustive", "--impl", "naive", "--scenario", "lamp-socket", "--verbose");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("✗ violated  lamp-socket · naive check-then-act (naive) · memory · exhaustive");
    expect(first.stdout).toContain("minimal: 2 commands with 1 preemption  (expected: a known-broken design)");
    const replay = /replay: npx invariant-lab (.*)/.exec(first.stdout)?.[1];
    expect(replay).toContain("--replay ");
    const again = await runCli(...(replay as string).split(" "));
    expect(again.stdout).toContain("✗ replayed  lamp-socket · naive check-then-act (naive) · memory · exhaustive");
    expect(timelineText(again.stdout)).toBe(timelineText(first.stdout));
    expect(again.code).toBe(0);
  });

  test("a budget that runs out is reported as no proof, and fails the run", async () => {
    const { code, stdout } = await runCli("verify", "--exhaustive", "--impl", "registry", "--scenario", "lamp-socket", "--budget", "200");
    expect(code).toBe(1);
    expect(stdout).toContain("? incomplete lamp-socket · registry aggregate (registry) · memory · exhaustive: no violation in 200 executions");
    expect(stdout).toContain("not a proof");
  });

  test("a replay needs one scenario and one design, and a token printed by a run", async () => {
    await expect(runExhaustive(parseVerifyFlags(["--exhaustive", "--replay", "eyJ9"]))).rejects.toThrow("--replay needs exactly one --scenario and one --impl");
    const bogus = await runCli("verify", "--exhaustive", "--impl", "naive", "--scenario", "lamp-socket", "--replay", "eyJ9");
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain("--replay: the replay token");
  });
});

describe("verify --strategy", () => {
  test("pct finds the naive race, and its replay command names the strategy and reproduces it", async () => {
    const first = await runCli(
      "verify",
      "--impl",
      "naive",
      "--scenario",
      "lamp-socket",
      "--mode",
      "concurrent",
      "--seed",
      "4",
      "--strategy",
      "pct",
      "--verbose",
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("invariant-lab verify · seed 4 · strategy pct");
    const replay = /replay: npx invariant-lab (.*)/.exec(first.stdout)?.[1];
    expect(replay).toMatch(/--strategy pct$/);
    const again = await runCli(...(replay as string).split(" "));
    expect(timelineText(again.stdout)).toBe(timelineText(first.stdout));
  });
});
