import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";

const run = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await promisify(execFile)("node", ["bin/invariant-lab.js", ...args], { env: { ...process.env, FORCE_COLOR: "0" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

describe("invariant-lab CLI", () => {
  // Every flag and filter error is checked in process (verify-flags.test.ts); these two check the
  // way out: exit status 2, one line, a pointer to the help, no stack trace.
  test.each([
    [["verify", "--mode", "bogus"], '--mode "bogus": Expected "sequential" | "concurrent" | "all"'],
    [["deploy"], 'unknown command "deploy"'],
  ])("%j exits 2 with a one-line reason", async (args, message) => {
    const { code, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Run "invariant-lab help" for the options.');
    expect(stderr.trimEnd().split("\n")).toHaveLength(2);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test("a correct design verifies with exit 0", async () => {
    const { code, stdout } = await run("verify", "--impl", "registry", "--scenario", "lamp-socket", "--seed", "3", "--runs", "50");
    expect(code).toBe(0);
    expect(stdout).toContain("✓ passed    lamp-socket · registry aggregate (registry) · memory · concurrent: 50 runs");
    expect(stdout).toContain("2 verdicts: 2 as expected, 0 unexpected.");
  });

  test("a team's racy design fails with its counterexample and a replay that reproduces it exactly", async () => {
    const first = await run("verify", "--impl", "./examples/naive-join.ts", "--scenario", "lamp-socket", "--mode", "concurrent", "--seed", "7");
    expect(first.code).toBe(1);
    expect(first.stdout).toContain("← its claim (linearizable) does not hold");
    const replay = /replay: npx invariant-lab (.*)/.exec(first.stdout)?.[1];
    expect(replay).toBeDefined();
    const again = await run(...(replay as string).split(" "));
    const timeline = (output: string) => output.slice(output.indexOf("#  T1"), output.indexOf("replay:"));
    expect(timeline(again.stdout)).toBe(timeline(first.stdout));
    expect(again.stdout).toContain("found after 1 run,");
  });

  test("help lists the commands", async () => {
    const { code, stdout } = await run("help");
    expect(code).toBe(0);
    expect(stdout).toContain("invariant-lab verify [options]");
  });
});
