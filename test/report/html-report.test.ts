import { execFile } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { HtmlReportFile } from "../../cli/html-report-file.js";
import { parseVerifyFlags, UsageError } from "../../cli/verify-options.js";
import type { CounterexampleView } from "../../engine/report/counterexample-report.js";
import { htmlReport } from "../../engine/report/html/page.js";
import { timelineView } from "../../engine/report/timeline.js";
import { textTimelines } from "../support/text-timeline.js";

const ARTIFACTS = resolve("test-results/html-report");

/** A counterexample whose design wrote markup into its labels and outcomes. */
const hostile: CounterexampleView = {
  title: "a <b>title</b>",
  claim: "linearizable",
  headline: 'invariant "x" broken',
  details: ["- <img src=x onerror=alert(1)>"],
  outcomes: [],
  state: undefined,
  from: undefined,
  commandsTitle: "minimal commands",
  commands: [{ task: "T1", commands: ["join(<u1>, g1)"] }],
  notes: [],
  timeline: timelineView([
    { kind: "invoke", at: 1, task: "T1", operation: 0, text: "join(<u1>, g1)" },
    { kind: "step", at: 2, task: "T1", label: "SELECT '<script>alert(1)</script>' & 1", preempted: false, result: "</td></tr>" },
  ]),
  replay: "npx invariant-lab verify --impl './a&b.ts'",
};

describe("the HTML report", () => {
  test("shows what a design wrote (SQL, outcomes) as text, never as markup", () => {
    const html = htmlReport({
      title: "run <1>",
      verdicts: [
        {
          status: "violated",
          scenario: "s",
          design: "d",
          backend: "memory",
          mode: "concurrent",
          evidence: "e",
          asExpected: false,
          expectation: "",
          counterexample: hostile,
        },
      ],
      notCovered: [],
    });
    expect(html).not.toMatch(/<script|<img|<b>|<u1>/);
    expect(html).toContain(" → &lt;/td&gt;&lt;/tr&gt;");
    expect(html).toContain("SELECT &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39; &amp; 1");
    expect(html).toContain("<title>run &lt;1&gt;</title>");
    expect(html.match(/<tr data-row=/g)).toHaveLength(2);
  });

  test("--html needs a file in a folder that exists, before the run starts", () => {
    expect(() => parseVerifyFlags(["--html"])).toThrow(new UsageError("--html needs a value: a file to write the HTML report to"));
    expect(parseVerifyFlags(["--html", "report.html"]).html).toBe("report.html");
    expect(parseVerifyFlags(["--exhaustive", "--html", "report.html"]).html).toBe("report.html");
    expect(() => HtmlReportFile.open("/no/such/folder/report.html")).toThrow(
      new UsageError("--html /no/such/folder/report.html: the folder /no/such/folder does not exist"),
    );
    expect(() => HtmlReportFile.open(".")).toThrow(UsageError);
    expect(HtmlReportFile.open(undefined)).toBeUndefined();
  });

  test("verify --exhaustive --html: the proof's counterexample, with as many lanes and rows as its text report", async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = resolve(ARTIFACTS, "exhaustive-naive.html");
    const { stdout } = await promisify(execFile)("node", [
      "bin/invariant-lab.js",
      "verify",
      "--exhaustive",
      "--impl",
      "naive",
      "--scenario",
      "lamp-socket",
      "--verbose",
      "--html",
      file,
    ]);
    const html = readFileSync(file, "utf8");
    const [written] = textTimelines(stdout);
    expect(written?.rows.length).toBeGreaterThan(0);
    expect([...html.matchAll(/<th data-lane="([^"]*)"/g)].map((found) => found[1])).toEqual(written?.lanes);
    expect([...html.matchAll(/<tr data-row="(\d+)" data-lane-index="(\d+)"/g)].map(([, number, lane]) => [Number(number), Number(lane)])).toEqual(
      written?.rows.map((row) => [row.number, row.lane]),
    );
    expect(html).toContain('data-status="violated"');
    expect(html).toContain(stdout.match(/replay: (.*)/)?.[1]);
  }, 60_000);
});
