import { failureClass } from "../engine/exhaustive/explore-program.js";
import type { Budget } from "../engine/exhaustive/budget.js";
import type { ProofVerdict } from "../engine/exhaustive/proof.js";
import { programSize } from "../engine/program.js";
import { ms, table, thousands } from "./format.js";
import type { BrokenSearch, CorrectProof, PostgresProofFigures, Search } from "./postgres-proofs.js";

/** The section's heading: `--section postgres-proofs` replaces the section under it. */
export const POSTGRES_PROOFS_HEADING = "## PostgreSQL proofs";

/** Why `verify --exhaustive` takes no eventually-consistent design, in one sentence. */
const EVENTUAL_REASON =
  "`verify --exhaustive` (linearizable proofs, pairs domain, reduction) selects no design that claims `eventually-consistent`; their own proof mode (`proveEventualDesign`, docs/eventual-consistency.md) searches requests × fault sets × delivery orders, without reduction (saga steps declare no accesses) and without a pairs domain, and is not measured here";

const budgetText = (budget: Budget): string =>
  [
    ...(budget.seconds === undefined ? [] : [`${budget.seconds} s`]),
    ...(budget.executions === undefined ? [] : [`${thousands(budget.executions)} executions`]),
  ].join(" or ") || "no budget";

const stoppedText = ({ verdict, budget }: Search): string =>
  `stopped by its ${budgetText(budget)} budget after ${verdict.programsExplored} of ${verdict.programs} programs`;

const correctVerdict = (search: Search): string => {
  switch (search.verdict.status) {
    case "verified":
      return "verified";
    case "incomplete":
      return `**incomplete**: ${stoppedText(search)}`;
    case "violated":
      return "**violated** (a correct design: a finding)";
    case "unknown":
      return "**unknown** (an execution too large for the linearizability search)";
  }
};

const executionsOf = (verdict: ProofVerdict): string => `${verdict.status === "incomplete" ? "≥ " : ""}${thousands(verdict.executions)}`;

/**
 * Executions without reduction beside the reduced count, and the factor: exact when both searches
 * finished, a lower bound when only the full one was stopped, and none when it was stopped before
 * it had run as many executions as the proof (a bound below ×1 says nothing).
 */
const withoutReduction = ({ proof, full }: CorrectProof): string => {
  if (full === undefined) return "–";
  const stopped = full.verdict.status === "incomplete";
  const bound = stopped ? `, stopped by its ${budgetText(full.budget)} budget` : "";
  const ratio = full.verdict.executions / proof.verdict.executions;
  const factor =
    proof.verdict.status !== "verified"
      ? ""
      : stopped && ratio < 1
        ? " · no factor: stopped before it had run as many executions as the proof"
        : ` · ${stopped ? "≥ " : ""}×${ratio.toFixed(1)}`;
  return `${executionsOf(full.verdict)} in ${ms(full.verdict.durationMs)}${bound}${factor}`;
};

const correctTable = (rows: ReadonlyArray<CorrectProof>): string =>
  table(
    ["pair", "verdict", "programs", "executions", "time", "without reduction"],
    rows.map((row) => {
      const { verdict } = row.proof;
      return [row.title, correctVerdict(row.proof), thousands(verdict.programs), executionsOf(verdict), ms(verdict.durationMs), withoutReduction(row)];
    }),
    ["l", "l", "r", "r", "r", "l"],
  );

const brokenVerdict = (row: BrokenSearch): string => {
  const { status } = row.search.verdict;
  if (status === "violated") return "violated";
  if (status === "incomplete") return `**not caught**: ${stoppedText(row.search)}`;
  return `**not caught** (${status})`;
};

const brokenTable = (rows: ReadonlyArray<BrokenSearch>): string =>
  table(
    ["pair", "verdict", "executions to the counterexample", "counterexample", "caught by", "time"],
    rows.map((row) => {
      const { verdict } = row.search;
      const example = verdict.counterexample;
      return [
        row.title,
        brokenVerdict(row),
        example === undefined
          ? `– (${thousands(verdict.executions)} executions in all)`
          : `${thousands(example.executionsToFailure)} (+${thousands(example.minimizationExecutions)} to minimize)`,
        example === undefined
          ? "–"
          : `${programSize(example.program)} commands, ${example.execution.preemptions} preemption(s)${example.sizeExplored ? "" : " (fewest among the programs searched before the budget ran out)"}`,
        example?.execution.failure === undefined ? "–" : failureClass(example.execution.failure),
        ms(verdict.durationMs),
      ];
    }),
    ["l", "l", "r", "l", "l", "r"],
  );

const target = (rows: ReadonlyArray<CorrectProof>): string => {
  const total = rows.reduce((sum, row) => sum + row.proof.verdict.durationMs, 0);
  const slowest = rows.reduce<CorrectProof | undefined>(
    (worst, row) => (worst === undefined || row.proof.verdict.durationMs > worst.proof.verdict.durationMs ? row : worst),
    undefined,
  );
  const unproved = rows.filter((row) => row.proof.verdict.status !== "verified");
  const met = rows.length > 0 && unproved.length === 0;
  return [
    `- ${met ? "✓ met" : "✗ **not met**"}: proofs of the correct SQL designs in minutes. ${rows.length - unproved.length} of ${rows.length} proved; all ${rows.length} searches took ${ms(total)} together (with reduction); slowest ${slowest === undefined ? "–" : `${slowest.title}, ${ms(slowest.proof.verdict.durationMs)}`}.`,
    ...(unproved.length === 0
      ? []
      : [
          `  Not proved within their budgets: ${unproved.map((row) => `${row.title} (${row.proof.verdict.status}, ${row.proof.verdict.programsExplored} of ${row.proof.verdict.programs} programs, ${thousands(row.proof.verdict.executions)} executions)`).join("; ")}.`,
        ]),
  ].join("\n");
};

/** The "PostgreSQL proofs" section, headed by the command that wrote it. */
export const renderPostgresProofs = (figures: PostgresProofFigures, command: string): string => {
  const domains = [...figures.correct, ...figures.broken].map((row) => ("proof" in row ? row.proof : row.search).verdict);
  const programs = domains.map((verdict) => verdict.programs);
  const budgets = [...new Set(figures.correct.map((row) => budgetText(row.proof.budget)))];
  return [
    POSTGRES_PROOFS_HEADING,
    "",
    `Written by \`${command}\` on ${figures.date}; one-minute load average ${figures.load.start.toFixed(1)} when the section began and ${figures.load.end.toFixed(1)} at its end; the section took ${ms(figures.durationMs)}.`,
    `Measured on ${figures.server.text}. One backend session serves every search, taken one after another.`,
    "",
    `Exhaustive mode on the \`pairs\` domain (\`verify --exhaustive --backend postgres --domain pairs\`, docs/proof-mode.md "On PostgreSQL"): every pair of concurrent commands, one per task, from the scenario's starting state (${Math.min(...programs)} to ${Math.max(...programs)} programs), every interleaving, partial-order reduction over the statements' declared accesses. ` +
      `Each search has a time budget (correct designs: ${budgets.join(", ")}; known-broken ones: ${figures.broken[0] === undefined ? "–" : budgetText(figures.broken[0].search.budget)}); a search its budget stops is incomplete, never a proof, and its count is what it ran. Take this section alone with \`--section postgres-proofs\`.`,
    "",
    "### Proofs of the correct SQL designs",
    "",
    correctTable(figures.correct),
    "",
    `Not covered: the eventually-consistent designs on PostgreSQL (${figures.uncovered.map((design) => `${design.name}${design.correct ? "" : " (known-broken)"}`).join(", ")}). ${EVENTUAL_REASON}.`,
    "",
    "### Known-broken SQL designs on the pairs domain",
    "",
    brokenTable(figures.broken),
    "",
    "### Target",
    "",
    target(figures.correct),
    "",
  ].join("\n");
};
