import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "vitest";

const run = async (...args: string[]): Promise<{ code: number; stdout: string }> => {
  try {
    const { stdout } = await promisify(execFile)("node", ["bin/invariant-lab.js", ...args], { env: { ...process.env, FORCE_COLOR: "0" } });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
};

test("verify shows an eventually-consistent design with its expected verdict, and a replay that reproduces its fault", async () => {
  const first = await run("verify", "--impl", "publish-after-commit", "--mode", "sequential", "--seed", "7", "--runs", "100", "--verbose");
  expect(first.code, first.stdout).toBe(0);
  expect(first.stdout).toContain("✗ violated  group-membership · publish after commit (publish-after-commit) · memory · sequential: a request never ends");
  expect(first.stdout).toContain("(expected: a crash between the reservation's commit and its send loses the message: the request never ends)");
  expect(first.stdout).toContain("1 verdict: 1 as expected, 0 unexpected.");
  const replay = /replay: npx invariant-lab verify (.*)/.exec(first.stdout)?.[1];
  expect(replay, first.stdout).toMatch(/--impl publish-after-commit --mode sequential --seed -?\d+ --path [\d:]+$/);
  const again = await run("verify", ...(replay ?? "").split(" "));
  expect(again.code, again.stdout).toBe(0);
  expect(again.stdout).toContain("found after 1 run, shrunk to 1 request and 1 fault");
  expect(again.stdout).toContain("✂ a handler crashes between its commit and send number 1");
}, 180_000);

test("an eventually-consistent design that keeps its claim passes, one line in summary", async () => {
  const { code, stdout } = await run("verify", "--impl", "slot-reservation-saga", "--scenario", "cell-allocation", "--seed", "3", "--runs", "50", "--summary");
  expect(code, stdout).toBe(0);
  expect(stdout).toContain("✓ passed    cell-allocation · slot-reservation saga (slot-reservation-saga) · memory · sequential: 50 runs");
  expect(stdout).toContain("✓ passed    cell-allocation · slot-reservation saga (slot-reservation-saga) · memory · concurrent: 50 runs");
  expect(stdout).toContain("2 verdicts: 2 as expected, 0 unexpected.");
}, 180_000);
