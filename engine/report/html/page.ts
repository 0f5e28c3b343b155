import { plural } from "../format.js";
import { counterexampleSection } from "./counterexample.js";
import type { ReportedVerdict } from "./entry.js";
import { escape } from "./escape.js";
import { style } from "./style.js";

/** Everything one run reports: its header line, every verdict, and the checks it could not make. */
export interface HtmlRun {
  /** `invariant-lab verify · seed 1`, as the text report's first line says it. */
  readonly title: string;
  readonly verdicts: ReadonlyArray<ReportedVerdict>;
  /** Checks the run did not make, and why (`12 checks on mariadb: …`). */
  readonly notCovered: ReadonlyArray<string>;
}

const statusMark: Readonly<Record<ReportedVerdict["status"], string>> = {
  passed: "✓",
  verified: "✓",
  violated: "✗",
  unknown: "?",
  incomplete: "?",
  skipped: "–",
  error: "✗",
};

const summaryRow = (verdict: ReportedVerdict, anchor: string | undefined): string =>
  `<tr class="${verdict.status}${verdict.asExpected ? "" : " unexpected"}" data-status="${verdict.status}">` +
  `<td class="status"><span class="badge ${verdict.status}">${statusMark[verdict.status]} ${verdict.status}</span></td>` +
  `<td class="name">${escape(verdict.scenario)}</td><td class="design">${escape(verdict.design)}</td><td class="name">${escape(verdict.backend)}</td><td class="name">${escape(verdict.mode)}</td>` +
  `<td class="evidence-text">${escape(verdict.evidence)}${anchor === undefined ? "" : ` <a href="#${anchor}">timeline ↓</a>`}</td>` +
  `<td class="expected">${verdict.asExpected ? `<span class="ok">✓ ${escape(verdict.expectation === "" ? "as expected" : verdict.expectation)}</span>` : `<span class="bad">✗ ${escape(verdict.expectation === "" ? "unexpected" : verdict.expectation)}</span>`}</td></tr>`;

/**
 * A run's HTML report: a summary table of every verdict, then every counterexample as swimlanes.
 * One self-contained file: inline CSS, no script, nothing fetched, so it opens anywhere a CI keeps it.
 */
export const htmlReport = (run: HtmlRun): string => {
  const anchors = run.verdicts.map((verdict, index) => (verdict.counterexample === undefined ? undefined : `counterexample-${index + 1}`));
  const unexpected = run.verdicts.filter((verdict) => !verdict.asExpected).length;
  const counts = `${plural(run.verdicts.length, "verdict")}: ${run.verdicts.length - unexpected} as expected, ${unexpected} unexpected`;
  const sections = run.verdicts.flatMap((verdict, index) => {
    const anchor = anchors[index];
    return verdict.counterexample === undefined || anchor === undefined ? [] : [counterexampleSection(verdict.counterexample, anchor, verdict)];
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(run.title)}</title>
<style>${style}</style>
</head>
<body>
<header>
<h1>${escape(run.title)}</h1>
<p class="counts ${unexpected === 0 ? "all-expected" : "some-unexpected"}">${counts}</p>
</header>
<main>
<section class="summary">
<h2>Verdicts</h2>
<div class="scroll"><table class="verdicts"><thead><tr><th>verdict</th><th>scenario</th><th>design</th><th>backend</th><th>mode</th><th>evidence</th><th>expected?</th></tr></thead><tbody>
${run.verdicts.map((verdict, index) => summaryRow(verdict, anchors[index])).join("\n")}
</tbody></table></div>
${run.notCovered.map((line) => `<p class="not-covered">not covered: ${escape(line)}</p>`).join("\n")}
</section>
${sections.length === 0 ? "" : `<h2 class="counterexamples-title">Counterexamples (${sections.length})</h2>\n${sections.join("\n")}`}
</main>
</body>
</html>
`;
};
