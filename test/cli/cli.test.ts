import { describe, expect, test } from "vitest";
import { runCli } from "../support/cli.js";
import { timelineText } from "../support/text-timeline.js";

describe("invariant-lab CLI", () => {
  // Every flag and filter error is checked in process (verify-flags.test.ts); these two check the
  // way out: exit status 2, one line, a pointer to the help, no stack trace.
  test.each([
    [["verify", "--mode", "bogus"], '--mode "bogus": Expected "sequential" | "concurrent" | "all"'],
    [["deploy"], 'unknown command "deploy"'],
  ])("%j exits 2 with a one-line reason", async (args, message) => {
    const { code, stderr } = await runCli(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Run "invariant-lab help" for the options.');
    expect(stderr.trimEnd().split("\n")).toHaveLength(2);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test("a correct design verifies with exit 0", async () => {
    const { code, stdout } = await runCli("verify", "--impl", "registry", "--scenario", "lamp-socket", "--seed", "3", "--runs", "50");
    expect(code).toBe(0);
    expect(stdout).toContain("✓ passed    lamp-socket · registry aggregate (registry) · memory · concurrent: 50 runs");
    expect(stdout).toContain("2 verdicts: 2 as expected, 0 unexpected.");
  });

  test("a team's racy design fails with its counterexample and a replay that reproduces it exactly", async () => {
    const first = await runCli("verify", "--impl", "./examples/naive-join.ts", "--scenario", "lamp-socket", "--mode", "concurrent", "--seed", "7");
    expect(first.code).toBe(1);
    expect(first.stdout).toContain("← its claim (linearizable) does not hold");
    const replay = /replay: npx invariant-lab (.*)/.exec(first.stdout)?.[1];
    expect(replay).toBeDefined();
    const again = await runCli(...(replay as string).split(" "));
    expect(timelineText(again.stdout)).toBe(timelineText(first.stdout));
    expect(again.stdout).toContain("found after 1 run,");
  });

  test("help lists the commands", async () => {
    const { code, stdout } = await runCli("help");
    expect(code).toBe(0);
    expect(stdout).toContain("invariant-lab verify [options]");
  });
});
