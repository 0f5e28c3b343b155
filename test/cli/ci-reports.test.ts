import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { VerifyJsonReport } from "../../cli/json-report.js";
import { runCli } from "../support/cli.js";
import { timelineText } from "../support/text-timeline.js";

// One matrix, reported three ways: a team's racy design (unexpected), a known-broken design caught as
// expected, a correct design, and a design that never calls step() (a pass with a warning).
const MATRIX = [
  "verify",
  ...["--impl", "./examples/naive-join.ts", "--impl", "naive", "--impl", "registry", "--impl", "./test/fixtures/never-steps.ts"],
  ...["--scenario", "lamp-socket", "--runs", "100", "--seed", "3"],
];
const CHECKS = 8;
/** Eight checks in a child process: about 15 s on two busy cores. */
const SLOW = 90_000;

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "invariant-lab-reports-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

interface Element {
  readonly [key: string]: unknown;
}
const asList = (value: unknown): ReadonlyArray<Element> => (Array.isArray(value) ? value : value === undefined ? [] : [value]) as ReadonlyArray<Element>;

describe("verify --reporter junit", () => {
  test(
    "writes one test case per check: the unexpected verdict a failure with its report, the expected ones passing",
    async () => {
      const output = join(folder, "nested", "junit.xml");
      const { code, stdout } = await runCli(...MATRIX, "--reporter", "junit", "--output", output);
      expect(code).toBe(1);
      const xml = await readFile(output, "utf8");
      expect(XMLValidator.validate(xml)).toBe(true);
      const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", textNodeName: "text", parseAttributeValue: false }).parse(xml) as {
        testsuites: Element & { testsuite: Element };
      };
      const suites = parsed.testsuites;
      expect(suites).toMatchObject({ name: "invariant-lab verify", tests: String(CHECKS), failures: "1", errors: "0", skipped: "0" });
      const suite = asList(suites.testsuite);
      expect(suite.map((one) => one["name"])).toEqual(["memory"]);
      const properties = asList((suite[0]?.["properties"] as Element)["property"]);
      expect(properties).toContainEqual({ name: "seed", value: "3" });
      expect(properties.find((property) => property["name"] === "rerun")?.["value"]).toContain("--seed 3");

      const cases = asList(suite[0]?.["testcase"]);
      expect(cases).toHaveLength(CHECKS);
      const names = cases.map((one) => `${String(one["classname"])} ${String(one["name"])}`);
      expect(new Set(names).size).toBe(CHECKS);
      expect(names).toContain("memory.lamp-socket our-naive-join · concurrent");

      const failed = cases.filter((one) => one["failure"] !== undefined);
      expect(failed.map((one) => one["name"])).toEqual(["our-naive-join · concurrent"]);
      const failure = failed[0]?.["failure"] as Element;
      // The message is the verdict line as printed; the body is the counterexample report, replay included.
      const line = stdout.split("\n").find((printed) => printed.includes("(our-naive-join) · memory · concurrent"));
      expect(failure["message"]).toBe(line);
      expect(failure["type"]).toBe("violated");
      expect(failure["text"]).toContain("minimal commands (T1 and T2 run concurrently):");
      expect(failure["text"]).toContain("#  T1");
      expect(failure["text"]).toContain("replay: npx invariant-lab verify --scenario lamp-socket --impl ./examples/naive-join.ts --mode concurrent --seed");

      const caught = cases.find((one) => one["name"] === "naive · concurrent");
      expect(caught?.["failure"]).toBeUndefined();
      expect(String(caught?.["system-out"])).toContain("(expected: a known-broken design)");
      expect(String(caught?.["system-out"])).toContain("#  T1");

      const unseen = cases.find((one) => one["name"] === "never-steps · concurrent");
      expect(unseen?.["failure"]).toBeUndefined();
      expect(String(unseen?.["system-err"])).toContain("no step() was called in 100 runs");
    },
    SLOW,
  );
});

describe("verify --reporter json", () => {
  test(
    "writes the documented shape: the run's seed and rerun, counts, and every check with its verdict, expectation and replay",
    async () => {
      const output = join(folder, "verify.json");
      const { code, stdout } = await runCli(...MATRIX, "--reporter", "json", "--output", output);
      expect(code).toBe(1);
      const report = JSON.parse(await readFile(output, "utf8")) as VerifyJsonReport;
      expect(report).toMatchObject({ format: "invariant-lab verify", version: 1, seed: 3, strategy: "uniform", asExpected: false });
      expect(report.rerun).toBe(
        "npx invariant-lab verify --scenario lamp-socket --impl ./examples/naive-join.ts --impl naive --impl registry --impl ./test/fixtures/never-steps.ts --runs 100 --seed 3",
      );
      expect(report.counts).toEqual({
        checks: CHECKS,
        asExpected: CHECKS - 1,
        unexpected: 1,
        notCovered: 0,
        warnings: 1,
        passed: 6,
        violated: 2,
        unknown: 0,
        error: 0,
      });

      // Every check has every field, whatever its verdict: a stable shape for CI scripts.
      const fields = ["scenario", "design", "description", "backend", "mode", "claim", "expected", "verdict", "asExpected", "line", "seed", "path", "replay"];
      const more = ["runs", "distinct", "durationMs", "counterexample", "advice", "warnings"];
      for (const check of report.checks) expect(Object.keys(check).sort()).toEqual([...fields, ...more].sort());

      const ours = report.checks.find((check) => check.design === "our-naive-join" && check.mode === "concurrent");
      expect(ours).toMatchObject({
        scenario: "lamp-socket",
        backend: "memory",
        claim: "linearizable",
        expected: "passed",
        verdict: "violated",
        asExpected: false,
      });
      expect(stdout).toContain(ours?.line);
      expect(ours?.counterexample).toMatchObject({ commands: 2, preemptions: 1 });
      expect(ours?.counterexample?.report).toContain("minimal commands");
      // The replay names the counterexample's own seed and path, as fields and in the command.
      expect(ours?.replay).toBe(
        `npx invariant-lab verify --scenario lamp-socket --impl ./examples/naive-join.ts --mode concurrent --seed ${ours?.seed} --path ${ours?.path}`,
      );

      const caught = report.checks.find((check) => check.design === "naive" && check.mode === "concurrent");
      expect(caught).toMatchObject({ expected: "violated", verdict: "violated", asExpected: true });
      const passed = report.checks.find((check) => check.design === "registry" && check.mode === "sequential");
      expect(passed).toMatchObject({ expected: "passed", verdict: "passed", asExpected: true, seed: 3, path: null, counterexample: null, runs: 100 });
      expect(passed?.replay).toBe("npx invariant-lab verify --scenario lamp-socket --impl registry --mode sequential --runs 100 --seed 3");
      const unseen = report.checks.find((check) => check.design === "never-steps" && check.mode === "concurrent");
      expect(unseen?.warnings).toEqual([expect.stringContaining("no step() was called")]);
    },
    SLOW,
  );

  test(
    "the replay of the failing check reproduces its counterexample",
    async () => {
      const report = JSON.parse(await readFile(join(folder, "verify.json"), "utf8")) as VerifyJsonReport;
      const ours = report.checks.find((check) => check.design === "our-naive-join" && check.mode === "concurrent");
      const again = await runCli(...(ours?.replay ?? "").replace("npx invariant-lab ", "").split(" "));
      // The text output indents the report; the JSON keeps it as the report functions write it.
      const timeline = (text: string) =>
        timelineText(text)
          .split("\n")
          .map((line) => line.trim())
          .join("\n");
      expect(timeline(again.stdout)).toContain("⚡");
      expect(timeline(again.stdout)).toBe(timeline(ours?.counterexample?.report ?? ""));
    },
    SLOW,
  );
});
