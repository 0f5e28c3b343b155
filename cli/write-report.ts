import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { errorText } from "../engine/blame.js";
import type { CheckResult } from "./check-result.js";
import { jsonReport } from "./json-report.js";
import { junitReport } from "./junit-report.js";
import { runSummary } from "./run-summary.js";
import type { VerifyFlags } from "./verify-options.js";

/** Writes the `--reporter junit|json` report to `--output` (its folder created if needed); nothing for `text`. */
export const writeCiReport = async (flags: VerifyFlags, seed: number, results: ReadonlyArray<CheckResult>): Promise<void> => {
  if (flags.reporter === "text" || flags.output === undefined) return;
  const summary = runSummary(flags, seed);
  const content = flags.reporter === "junit" ? junitReport(summary, results) : `${JSON.stringify(jsonReport(summary, results), null, 2)}\n`;
  const file = resolve(flags.output);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  } catch (error) {
    throw new Error(`--output ${flags.output}: cannot write the ${flags.reporter} report: ${errorText(error)}`);
  }
};
