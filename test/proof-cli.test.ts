import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { runExhaustive } from "../cli/exhaustive-command.js";
import { parseVerifyFlags } from "../cli/verify-options.js";

const run = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await promisify(execFile)("node", ["bin/invariant-lab.js", ...args], { env: { ...process.env, FORCE_COLOR: "0" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

const timeline = (output: string) => output.slice(output.indexOf("#  T1"), output.indexOf("replay:"));

describe("verify --exhaustive", () => {
  test("a known-broken design gets its minimal counterexample and a replay that reproduces it exactly", async () => {
    const first = await run("verify", "--exhaustive", "--impl", "naive", "--scenario", "lamp-socket", "--verbose");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("✗ violated  lamp-socket · naive check-then-act (naive) · memory · exhaustive");
    expect(first.stdout).toContain("minimal: 2 commands with 1 preemption  (expected: a known-broken design)");
    const replay = /replay: npx invariant-lab (.*)/.exec(first.stdout)?.[1];
    expect(replay).toContain("--replay ");
    const again = await run(...(replay as string).split(" "));
    expect(again.stdout).toContain("✗ replayed  lamp-socket · naive check-then-act (naive) · memory · exhaustive");
    expect(timeline(again.stdout)).toBe(timeline(first.stdout));
    expect(again.code).toBe(0);
  });

  test("a budget that runs out is reported as no proof, and fails the run", async () => {
    const { code, stdout } = await run("verify", "--exhaustive", "--impl", "registry", "--scenario", "lamp-socket", "--budget", "200");
    expect(code).toBe(1);
    expect(stdout).toContain("? incomplete lamp-socket · registry aggregate (registry) · memory · exhaustive: no violation in 200 executions");
    expect(stdout).toContain("not a proof");
  });

  test("a replay needs one scenario and one design, and a token printed by a run", async () => {
    await expect(runExhaustive(parseVerifyFlags(["--exhaustive", "--replay", "eyJ9"]))).rejects.toThrow("--replay needs exactly one --scenario and one --impl");
    const bogus = await run("verify", "--exhaustive", "--impl", "naive", "--scenario", "lamp-socket", "--replay", "eyJ9");
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain("--replay: the replay token");
  });
});

describe("verify --strategy", () => {
  test("pct finds the naive race, and its replay command names the strategy and reproduces it", async () => {
    const first = await run("verify", "--impl", "naive", "--scenario", "lamp-socket", "--mode", "concurrent", "--seed", "4", "--strategy", "pct", "--verbose");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("invariant-lab verify · seed 4 · strategy pct");
    const replay = /replay: npx invariant-lab (.*)/.exec(first.stdout)?.[1];
    expect(replay).toMatch(/--strategy pct$/);
    const again = await run(...(replay as string).split(" "));
    expect(timeline(again.stdout)).toBe(timeline(first.stdout));
  });
});
