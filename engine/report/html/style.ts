/** The report's only style sheet, inline: the file must open without fetching anything. */
export const style = `
:root {
  --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --page: #f6f8fa; --paper: #ffffff;
  --red: #cf222e; --red-bg: #ffebe9; --green: #1a7f37; --green-bg: #dafbe1; --amber: #9a6700; --amber-bg: #fff8c5;
  --blue: #0969da; --blue-bg: #ddf4ff; --orange: #bc4c00; --orange-bg: #fff1e5; --violet: #8250df; --violet-bg: #fbefff;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--text); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
header { background: var(--paper); border-bottom: 1px solid var(--line); padding: 18px 32px; }
h1 { margin: 0; font-size: 20px; font-weight: 600; }
main { padding: 8px 32px 48px; max-width: 1600px; }
h2 { font-size: 17px; margin: 28px 0 10px; }
h3 { font-size: 13px; margin: 14px 0 4px; color: var(--muted); font-weight: 600; }
code, pre { font-family: var(--mono); font-size: 12.5px; }
.counts { margin: 6px 0 0; font-weight: 600; }
.counts.all-expected { color: var(--green); }
.counts.some-unexpected { color: var(--red); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; }

.verdicts { width: 100%; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; }
.verdicts th, .verdicts td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
.verdicts th { font-size: 12px; color: var(--muted); font-weight: 600; background: var(--page); }
.verdicts tr.unexpected td { background: var(--red-bg); }
.verdicts td.evidence-text { color: var(--muted); font-size: 13px; }
.verdicts td.name { white-space: nowrap; }
.verdicts td.design { min-width: 14rem; }
.verdicts td.expected { font-size: 13px; min-width: 11rem; }
.badge { display: inline-block; white-space: nowrap; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.badge.passed, .badge.verified { color: var(--green); background: var(--green-bg); }
.badge.violated, .badge.error { color: var(--red); background: var(--red-bg); }
.badge.unknown, .badge.incomplete { color: var(--amber); background: var(--amber-bg); }
.badge.skipped { color: var(--muted); background: var(--page); }
.ok { color: var(--green); font-weight: 600; }
.bad { color: var(--red); font-weight: 600; }
.not-covered { color: var(--muted); }
a { color: var(--blue); text-decoration: none; white-space: nowrap; }
a:hover { text-decoration: underline; }

.counterexample { background: var(--paper); border: 1px solid var(--line); border-left: 4px solid var(--red); border-radius: 6px; padding: 4px 20px 16px; margin: 18px 0 28px; }
.counterexample h2 { margin-top: 14px; font-size: 16px; }
.expectation { display: inline-block; margin: 0 0 6px; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.expectation.as-expected { color: var(--muted); background: var(--page); }
.expectation.unexpected { color: var(--red); background: var(--red-bg); }
.broken { margin: 6px 0; }
.claim { color: var(--muted); margin-right: 6px; }
.broken strong { color: var(--red); }
.details { margin: 6px 0; padding-left: 20px; font-family: var(--mono); font-size: 12.5px; color: var(--red); }
.evidence { margin: 8px 0; border: 1px solid var(--line); }
.evidence th, .evidence td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
.evidence th { font-size: 12px; color: var(--muted); font-weight: 600; background: var(--page); }
.evidence td.observed code { color: var(--red); background: var(--red-bg); padding: 0 4px; border-radius: 3px; overflow-wrap: anywhere; }
.evidence td.admissible code { color: var(--green); background: var(--green-bg); padding: 0 4px; border-radius: 3px; overflow-wrap: anywhere; }
.from { margin: 6px 0; color: var(--muted); }
.commands { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 8px; }
.commands dt { font-weight: 600; }
.commands dd { margin: 0; }
.note { margin: 2px 0; color: var(--muted); font-size: 13px; }

.lanes { width: 100%; table-layout: fixed; border-collapse: separate; border-spacing: 0; margin-top: 14px; }
.lanes col.n, .lanes th.n { width: 2.6rem; }
.lanes th { position: sticky; top: 0; z-index: 1; background: var(--paper); text-align: left; padding: 6px 10px; border-bottom: 2px solid var(--text); font-size: 14px; }
.lanes th.participant { border-bottom-color: var(--violet); }
.lanes th small { display: block; font-weight: 400; font-size: 11px; color: var(--muted); }
.lanes td { padding: 3px 8px; vertical-align: top; border-left: 1px dashed var(--line); }
.lanes td.n, .lanes th.n { border-left: none; text-align: right; color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; padding-top: 7px; }
.lanes tr.preempted td.n { color: var(--amber); font-weight: 700; }
.lanes tr.rule td { border-left: none; padding: 6px 8px; text-align: center; font-size: 12px; color: var(--violet); background: var(--violet-bg); }
.card { font-family: var(--mono); font-size: 12.5px; line-height: 1.4; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--paper); overflow-wrap: anywhere; white-space: pre-wrap; }
.card.invoke { background: var(--blue-bg); border-color: #80ccff; font-weight: 600; }
.card.complete { background: var(--green-bg); border-color: #6fdd8b; font-weight: 600; }
.card.complete.unexplained { background: var(--red-bg); border-color: var(--red); }
.card.note { background: transparent; border-style: dashed; color: var(--muted); }
.card.preempted { background: var(--amber-bg); border-color: #d4a72c; box-shadow: inset 4px 0 0 #d4a72c; }
.card.waited { border-color: var(--orange); }
.card .mark { font-weight: 700; font-family: system-ui, sans-serif; }
.card .tag { float: right; margin-left: 8px; padding: 0 6px; border-radius: 8px; font: 600 11px/1.6 system-ui, sans-serif; }
.card .tag.preemption { color: var(--amber); background: #fff; border: 1px solid #d4a72c; }
.card .tag.lock-wait { color: var(--orange); background: #fff; border: 1px solid var(--orange); }
.card.preempted .mark { color: var(--amber); }
.card .result { color: #0550ae; }
.card .wait { color: var(--orange); background: var(--orange-bg); border-radius: 4px; font-weight: 600; }
.card .hourglass { width: 0.75em; height: 1em; vertical-align: -0.15em; margin-right: 0.25em; }
.card .glyph { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.card .admits { margin-top: 3px; font-family: system-ui, sans-serif; font-size: 12px; font-weight: 400; color: var(--red); white-space: normal; }
.card .admits b { font-family: var(--mono); color: var(--green); }

.replay-label { margin: 14px 0 2px; font-size: 12px; font-weight: 600; color: var(--muted); }
.replay { margin: 0; padding: 8px 12px; background: #24292f; color: #f0f6fc; border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; user-select: all; }
`;
