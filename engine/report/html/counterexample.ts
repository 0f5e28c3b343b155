import type { CounterexampleView } from "../counterexample-report.js";
import type { Expectation } from "./entry.js";
import { escape } from "./escape.js";
import { swimlanes } from "./swimlanes.js";

/** The evidence in parts where there are parts: observed outcomes beside the admissible ones, the stored state beside the expected. */
const evidence = (view: CounterexampleView): string => {
  if (view.outcomes.length > 0)
    return `<table class="evidence"><thead><tr><th>task</th><th>command</th><th>observed</th><th>the model admits</th></tr></thead><tbody>${view.outcomes
      .map(
        ({ task, command, observed, admissible }) =>
          `<tr><td>${escape(task)}</td><td><code>${escape(command)}</code></td><td class="observed"><code>${escape(observed)}</code></td><td class="admissible">${
            admissible.length === 0 ? "nothing here" : admissible.map((outcome) => `<code>${escape(outcome)}</code>`).join(" or ")
          }</td></tr>`,
      )
      .join("")}</tbody></table>`;
  if (view.state !== undefined)
    return `<table class="evidence"><tbody><tr><th>stored</th><td class="observed"><code>${escape(view.state.stored)}</code></td></tr>${view.state.expected
      .map((state, index) => `<tr><th>${index === 0 ? "the model expects" : "or"}</th><td class="admissible"><code>${escape(state)}</code></td></tr>`)
      .join("")}</tbody></table>`;
  return `<ul class="details">${view.details.map((line) => `<li>${escape(line.replace(/^- /, ""))}</li>`).join("")}</ul>`;
};

/** One counterexample: what broke and why, the minimal commands, how it was found, the swimlanes and the replay. */
export const counterexampleSection = (view: CounterexampleView, id: string, expectation?: Expectation): string => `<section class="counterexample" id="${id}">
<h2>✗ ${escape(view.title)}</h2>
${expectation === undefined || expectation.expectation === "" ? "" : `<p class="expectation ${expectation.asExpected ? "as-expected" : "unexpected"}">${escape(expectation.expectation)}</p>`}
<p class="broken"><span class="claim">claim: ${escape(view.claim)}</span> broken: <strong>${escape(view.headline)}</strong></p>
${evidence(view)}
${view.from === undefined ? "" : `<p class="from">from: ${escape(view.from)}</p>`}
<h3>${escape(view.commandsTitle)}</h3>
<dl class="commands">${view.commands.map(({ task, commands }) => `<dt>${escape(task)}</dt><dd>${commands.map((command) => `<code>${escape(command)}</code>`).join(", ")}</dd>`).join("")}</dl>
${view.notes.map((note) => `<p class="note">${escape(note)}</p>`).join("\n")}
${swimlanes(view.timeline, view.outcomes)}
<p class="replay-label">replay</p>
<pre class="replay"><code>${escape(view.replay)}</code></pre>
</section>`;
