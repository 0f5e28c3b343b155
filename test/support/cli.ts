import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect } from "vitest";
import { parseVerifyFlags, UsageError } from "../../cli/verify-options.js";

/** How `invariant-lab` exited and what it printed. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `invariant-lab` (bin/invariant-lab.js) with `args` in a child process, without colours. A
 * non-zero exit is an answer to assert on, not an error.
 */
export const runCli = async (...args: ReadonlyArray<string>): Promise<CliRun> => {
  try {
    const { stdout, stderr } = await promisify(execFile)("node", ["bin/invariant-lab.js", ...args], { env: { ...process.env, FORCE_COLOR: "0" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as CliRun;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

/** The usage error `parseVerifyFlags` throws for `args`; fails the test if it throws nothing or something else. */
export const flagRefusal = (args: ReadonlyArray<string>): string => {
  try {
    parseVerifyFlags(args);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`${JSON.stringify(args)} was accepted`);
};
