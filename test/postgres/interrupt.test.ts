import { spawn } from "node:child_process";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, test } from "vitest";
import { postgresUrl } from "./support.js";

const CHILD = join(import.meta.dirname, "residue-child.ts");

describe("an interrupted PostgreSQL session", () => {
  test.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("on %s, while a statement waits for a lock, stops cleanly: says so, releases each connection once, drops its schema, exits %i", async (signal, code) => {
    const url = postgresUrl();
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, "blocked", url], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (exitCode) => resolve(exitCode)));
    const schema = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("\n")) resolve(out.split("\n")[0] ?? "");
      });
      void exited.then(() => reject(new Error(`child exited before its statement waited: ${stderr}`)));
    });
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(stderr).toBe(`interrupted by ${signal}\n`);
    const observer = new pg.Client(url);
    await observer.connect();
    try {
      const { rowCount } = await observer.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
      expect(rowCount).toBe(0);
    } finally {
      await observer.end();
    }
  });
});
