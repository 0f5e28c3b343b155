import type { Mode, Verdict } from "../engine/random/check.js";
import type { BackendSession } from "../engine/backend.js";
import { errorText } from "../engine/blame.js";
import { verdictLine, verdictReport, verdictTitle } from "../engine/report/verdict-text.js";
import { verify } from "../properties/verify.js";
import { replayCommand } from "./replay.js";
import type { Target } from "./targets.js";
import type { VerifyFlags } from "./verify-options.js";

const indent = (text: string): string =>
  text
    .split("\n")
    .map((line) => (line === "" ? line : `    ${line}`))
    .join("\n");

/** `lamp-socket · naive · concurrent`: how progress and interrupts name a random check. */
export const checkTitle = ({ scenario, implementation }: Target, mode: Mode): string => `${scenario.name} · ${implementation.name} · ${mode}`;

/**
 * One random check and its report: the verdict line, and for a violation the counterexample with
 * its replay command. Written through `out`, so that a worker thread can send back exactly the
 * lines the main thread would have printed. Resolves to whether the verdict was the expected one.
 */
export const checkOne = async (
  target: Target,
  mode: Mode,
  flags: VerifyFlags,
  seed: number,
  session: BackendSession,
  out: (line: string) => void,
  onProgress: (runs: number) => void,
): Promise<boolean> => {
  const { scenario, implementation } = target;
  const title = checkTitle(target, mode);
  let verdict: Verdict;
  try {
    verdict = await verify(scenario, implementation, session, {
      mode,
      seed,
      strategy: flags.strategy,
      onProgress,
      numRuns: flags.runs,
      path: flags.path,
      timeLimitMs: flags.timeLimitMs,
      linearizabilityBudget: flags.linearizabilityBudget,
    });
  } catch (error) {
    out(`✗ error     ${title}: ${errorText(error)}`);
    return false;
  }
  const expected = target.expected[mode];
  const ok = verdict.status === expected;
  const note = ok
    ? expected === "violated"
      ? "  (expected: a known-broken design)"
      : ""
    : target.builtIn
      ? `  ← UNEXPECTED: expected ${expected}`
      : `  ← its claim (${implementation.claim}) does not hold`;
  out(`${verdictLine(verdict)}${note}`);
  // A counterexample's seed and path only mean something under the strategy that generated them.
  const replay = `${replayCommand(verdict, target.implementationArgument)}${flags.strategy === "preemptions" ? "" : ` --strategy ${flags.strategy}`}`;
  if (verdict.status === "violated" && !flags.summary) out(`${indent(verdictReport(verdict, replay))}\n`);
  if (verdict.status === "unknown" && !flags.summary)
    out(`    ${verdictTitle(verdict)}: raise --linearizability-budget (the linearizabilityBudget setting) or shorten the branches`);
  return ok;
};
