import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

const verify = (...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, "bin", "invariant-lab.js"), "verify", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });

describe("a design that never yields", () => {
  test("is reported hung where it spins, its check and the checks left named, instead of hanging the process", { timeout: 60_000 }, async () => {
    const { code, stdout } = await verify(
      "--impl",
      "test/engine/blame-busy-design.ts",
      "--scenario",
      "lamp-socket",
      "--seed",
      "3",
      "--runs",
      "30",
      "--time-limit",
      "500",
    );
    expect(code).toBe(1);
    const lines = stdout.split("\n");
    const verdicts = lines.filter((line) => /^[✓✗] /.test(line));
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatch(
      /^✗ hung {6}lamp-socket · spins-on-third-join · sequential: busy in task P in spinForever \(test\/engine\/blame-busy-design\.ts:8\) for \d+ ms without yielding/,
    );
    expect(lines).toContain("stopped: 1 check did not complete: lamp-socket · spins-on-third-join · concurrent");
  });
});
