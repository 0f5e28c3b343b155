import { existsSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Mode } from "../engine/random/check.js";
import type { ReportedVerdict } from "../engine/report/html/entry.js";
import { htmlReport } from "../engine/report/html/page.js";
import type { Target } from "./targets.js";
import { UsageError } from "./verify-options.js";

/**
 * `--html FILE`: the verdicts of a run, gathered as they come and written at its end as one
 * self-contained page. The folder is checked before the run, so that a typo does not cost a whole run.
 */
export class HtmlReportFile {
  private readonly verdicts: ReportedVerdict[] = [];
  private readonly notCovered: string[] = [];

  private constructor(readonly path: string) {}

  /** Undefined when no report was asked for; throws {@link UsageError} when its folder does not exist. */
  static open(path: string | undefined): HtmlReportFile | undefined {
    if (path === undefined) return undefined;
    const folder = dirname(resolve(path));
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`--html ${path}: the folder ${folder} does not exist`);
    if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`--html ${path}: a folder, not a file`);
    return new HtmlReportFile(path);
  }

  add(verdict: ReportedVerdict): void {
    this.verdicts.push(verdict);
  }

  /** A check that threw instead of giving a verdict: a row of the summary, with the reason as its evidence. */
  error(
    {
      scenario,
      implementation,
    }: { readonly scenario: { readonly name: string }; readonly implementation: Pick<Target["implementation"], "design" | "name" | "backend"> },
    mode: Mode | "exhaustive",
    message: string,
  ): void {
    this.add({
      status: "error",
      scenario: scenario.name,
      design: `${implementation.design} (${implementation.name})`,
      backend: implementation.backend,
      mode,
      evidence: message,
      asExpected: false,
      expectation: "the check did not finish",
    });
  }

  /** Checks the run did not make, and why. */
  notMade(line: string): void {
    this.notCovered.push(line);
  }

  /** Writes the page; returns the line the run prints about it. Throws, naming the file, when it cannot be written. */
  write(title: string): string {
    try {
      writeFileSync(this.path, htmlReport({ title, verdicts: this.verdicts, notCovered: this.notCovered }));
    } catch (error) {
      throw new Error(`--html ${this.path}: could not write the report: ${error instanceof Error ? error.message : String(error)}`);
    }
    return `HTML report: ${this.path}`;
  }
}
