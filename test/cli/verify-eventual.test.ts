import { expect, test } from "vitest";
import { runCli } from "../support/cli.js";

test("verify shows an eventually-consistent design with its expected verdict, and a replay that reproduces its fault", async () => {
  const first = await runCli("verify", "--impl", "publish-after-commit", "--mode", "sequential", "--seed", "7", "--runs", "100", "--verbose");
  expect(first.code, first.stdout).toBe(0);
  expect(first.stdout).toContain("✗ violated  group-membership · publish after commit (publish-after-commit) · memory · sequential: a request never ends");
  expect(first.stdout).toContain("(expected: a crash between the reservation's commit and its send loses the message: the request never ends)");
  expect(first.stdout).toContain("1 verdict: 1 as expected, 0 unexpected.");
  const replay = /replay: npx invariant-lab verify (.*)/.exec(first.stdout)?.[1];
  expect(replay, first.stdout).toMatch(/--impl publish-after-commit --mode sequential --seed -?\d+ --path [\d:]+$/);
  const again = await runCli("verify", ...(replay ?? "").split(" "));
  expect(again.code, again.stdout).toBe(0);
  expect(again.stdout).toContain("found after 1 run, shrunk to 1 request and 1 fault");
  expect(again.stdout).toContain("✂ a handler crashes between its commit and send number 1");
}, 180_000);

test("an eventually-consistent design that keeps its claim passes, one line in summary", async () => {
  const { code, stdout } = await runCli(
    "verify",
    "--impl",
    "slot-reservation-saga",
    "--scenario",
    "cell-allocation",
    "--seed",
    "3",
    "--runs",
    "50",
    "--summary",
  );
  expect(code, stdout).toBe(0);
  expect(stdout).toContain("✓ passed    cell-allocation · slot-reservation saga (slot-reservation-saga) · memory · sequential: 50 runs");
  expect(stdout).toContain("✓ passed    cell-allocation · slot-reservation saga (slot-reservation-saga) · memory · concurrent: 50 runs");
  expect(stdout).toContain("2 verdicts: 2 as expected, 0 unexpected.");
}, 180_000);
