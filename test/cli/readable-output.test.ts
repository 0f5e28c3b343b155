import { describe, expect, test } from "vitest";
import { memoryBackend } from "../../backends/memory.js";
import { verdictLine, verdictReport } from "../../engine/report/verdict-text.js";
import { registryAssignment } from "../../implementations/assignment/memory/registry.js";
import { allScenarios } from "../../properties/families.js";
import { verify } from "../../properties/verify.js";
import { answersBanana } from "../support/faulty-designs.js";
import { runCli } from "../support/cli.js";

const caught = ["verify", "--impl", "naive", "--scenario", "lamp-socket", "--mode", "concurrent", "--seed", "3", "--runs", "100"];

describe("verify is readable by default", () => {
  test("a known-broken design caught as expected is one line; --verbose adds its report", async () => {
    const quiet = await runCli(...caught);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout.trimEnd().split("\n")).toEqual([
      "invariant-lab verify · seed 3",
      "",
      "memory: in memory",
      expect.stringMatching(/^✗ violated {2}lamp-socket · naive check-then-act \(naive\) · memory · concurrent: .* {2}\(expected: a known-broken design\)$/),
      "",
      "1 verdict: 1 as expected, 0 unexpected.",
    ]);
    const verbose = await runCli(...caught, "--verbose");
    expect(verbose.stdout).toContain("minimal commands (T1 and T2 run concurrently):");
    expect(verbose.stdout).toContain("#  T1");
    expect(verbose.stdout).toMatch(/replay: npx invariant-lab verify --scenario lamp-socket --impl naive --mode concurrent --seed 3 --path [\d:]+/);
  }, 60_000);

  test("a sequential check speaks of executions and commands one at a time, never of interleavings or preemptions", async () => {
    const scenario = allScenarios.find((one) => one.name === "lamp-socket");
    if (scenario === undefined) throw new Error("no lamp-socket scenario");
    const session = await memoryBackend.start();
    try {
      const passed = await verify(scenario, registryAssignment, session, { mode: "sequential", seed: 3, numRuns: 50 });
      expect(verdictLine(passed)).toMatch(/sequential: 50 runs, \d+ distinct executions, /);
      const broken = await verify(scenario, answersBanana, session, { mode: "sequential", seed: 3, numRuns: 50 });
      expect(broken.status).toBe("violated");
      const line = verdictLine(broken);
      expect(line).toMatch(/shrunk to 1 command$/);
      const report = verdictReport(broken, "replay");
      expect(report).toContain("minimal commands (one at a time):");
      for (const text of [line, report]) expect(text).not.toMatch(/interleav|preempt|concurren|⚡/);
    } finally {
      await session.stop();
    }
  });
});
