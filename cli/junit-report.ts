import type { CheckResult } from "./check-result.js";
import type { RunSummary } from "./run-summary.js";

/** Characters XML 1.0 cannot carry at all, even escaped (control characters a design's error text may hold). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const text = (value: string): string => value.replace(NOT_XML, "\uFFFD").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
/** Line breaks and tabs are written as references: an attribute's own would be read back as spaces. */
const attribute = (value: string): string => text(value).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");

const attributes = (pairs: Readonly<Record<string, string | number>>): string =>
  Object.entries(pairs)
    .map(([name, value]) => ` ${name}="${attribute(String(value))}"`)
    .join("");

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

const counts = (results: ReadonlyArray<CheckResult>) => ({
  tests: results.length,
  failures: results.filter((result) => !result.asExpected && result.outcome !== "error" && result.outcome !== "not-covered").length,
  errors: results.filter((result) => result.outcome === "error").length,
  skipped: results.filter((result) => result.outcome === "not-covered").length,
  time: seconds(results.reduce((sum, result) => sum + result.durationMs, 0)),
});

/**
 * One test case per check. An unexpected verdict is a `<failure>` whose message is the verdict line
 * and whose body is the counterexample report; a check that could not run is an `<error>`; a backend
 * missing on this machine is `<skipped>`. A known-broken design caught as expected passes, with its
 * report in `<system-out>`, so the evidence is in the CI system too.
 */
const testCase = (result: CheckResult): string => {
  const head = `    <testcase${attributes({ classname: `${result.design.backend}.${result.scenario}`, name: `${result.design.name} · ${result.mode}`, time: seconds(result.durationMs) })}>`;
  // A violation's report ends with its replay already.
  const more = result.verdict?.status === "violated" ? [result.report] : [result.report, result.replay === undefined ? undefined : `replay: ${result.replay}`];
  const body = [result.line, ...more.filter((part) => part !== undefined)].join("\n\n");
  const inner: string[] = [];
  if (result.outcome === "not-covered") inner.push(`      <skipped${attributes({ message: result.line })}/>`);
  else if (result.outcome === "error") inner.push(`      <error${attributes({ message: result.line, type: "error" })}>${text(result.line)}</error>`);
  else if (!result.asExpected) inner.push(`      <failure${attributes({ message: result.line, type: result.outcome })}>${text(body)}</failure>`);
  else inner.push(`      <system-out>${text(body)}</system-out>`);
  if (result.warnings.length > 0) inner.push(`      <system-err>${text(result.warnings.map((warning) => `warning: ${warning}`).join("\n"))}</system-err>`);
  return [head, ...inner, "    </testcase>"].join("\n");
};

/** JUnit XML, as Jenkins, GitLab, GitHub's test reporters and most CI systems read it: one test suite per backend. */
export const junitReport = (summary: RunSummary, results: ReadonlyArray<CheckResult>): string => {
  const backends = [...new Set(results.map((result) => result.design.backend))];
  const properties = [
    `      <property${attributes({ name: "seed", value: summary.seed })}/>`,
    `      <property${attributes({ name: "strategy", value: summary.strategy })}/>`,
    `      <property${attributes({ name: "rerun", value: summary.rerun })}/>`,
  ];
  const suites = backends.map((backend) => {
    const own = results.filter((result) => result.design.backend === backend);
    return [
      `  <testsuite${attributes({ name: backend, ...counts(own) })}>`,
      "    <properties>",
      ...properties,
      "    </properties>",
      ...own.map(testCase),
      "  </testsuite>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: "invariant-lab verify", ...counts(results) })}>`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
};
