import { spawn } from "node:child_process";
import { expect, test } from "vitest";

test("a reader that closes the pipe early (`verify | head -1`) stops the CLI quietly, with SIGPIPE's status", async () => {
  const child = spawn("node", ["bin/invariant-lab.js", "verify", "--scenario", "lamp-socket", "--runs", "20", "--seed", "1"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  // Close our end at the first chunk, as `head -1` does, while the CLI still has verdicts to write.
  child.stdout.once("data", () => child.stdout.destroy());
  const status = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  expect(stderr).toBe("");
  expect(status).toBe(141);
}, 30_000);
