import { failureClass } from "../engine/exhaustive/explore-program.js";
import type { ProofVerdict } from "../engine/exhaustive/proof.js";
import { programSize } from "../engine/program.js";
import { shapeText } from "../engine/report/proof-report.js";
import { strategyNames } from "../engine/schedule/strategies.js";
import { memoryBackend } from "../backends/memory.js";
import { ms, table, thousands } from "./format.js";
import { knownBrokenPairs, type Pair, pairTitle } from "./pairs.js";
import { measureProofs, provablePairs, type ProofRow } from "./proof-exhaustive.js";
import { largestProofSection } from "./proof-largest.js";
import { type Minimum, measureStrategies, type StrategyRow, type StrategySummary } from "./proof-strategies.js";
import { type Progress, stderrProgress } from "./progress.js";

/** What the proof section measures. */
export interface ProofBenchOptions {
  /** Seeds per known race and strategy (the targets are stated over at least `DEFAULT_SEEDS`). */
  readonly seeds: ReadonlyArray<number>;
  /** How many of those seeds also run the whole check, to see whether shrinking reaches the minimum. */
  readonly shrinkSeeds?: number;
  /** Only the pairs it keeps (default: every pair). */
  readonly select?: (pair: Pair) => boolean;
  readonly progress?: Progress;
}

/** Of the seeds, how many also run the whole check by default. */
const SHRINK_SEEDS = 10;
/** Every correct design must be proved in less than this. */
const PROOF_TARGET_MS = 60_000;
/** The reduction that must be reached on triples where commands touch different aggregates. */
const REDUCTION_TARGET = 5;

const sizeOf = (verdict: ProofVerdict): Minimum => {
  const example = verdict.counterexample;
  if (example === undefined) return undefined;
  return { commands: programSize(example.program), preemptions: example.execution.preemptions };
};

/** A full search stopped by its budget only gives a lower bound. */
const factor = (full: ProofVerdict, reduced: ProofVerdict): string =>
  `${full.status === "incomplete" ? "≥" : ""}×${(full.executions / reduced.executions).toFixed(1)}`;
const executionsOf = (verdict: ProofVerdict): string => `${verdict.status === "incomplete" ? "≥" : ""}${thousands(verdict.executions)}`;
const runsText = (value: number | undefined): string => (value === undefined ? "–" : Number.isFinite(value) ? String(value) : "not found");

const proofTable = (rows: ReadonlyArray<ProofRow>): string =>
  table(
    ["pair", "verdict", "programs", "executions", "time"],
    rows
      .filter((row) => row.expected === "verified")
      .map(({ title, verdict }) => [title, verdict.status, thousands(verdict.programs), thousands(verdict.executions), ms(verdict.durationMs)]),
    ["l", "l", "r", "r", "r"],
  );

const reductionTable = (rows: ReadonlyArray<ProofRow>): string =>
  table(
    ["pair", "domain", "full", "reduced", "factor", "time full → reduced"],
    rows.flatMap(({ title, comparisons }) =>
      comparisons.map(({ name, reduced, full }) => [
        title,
        `${name} (${thousands(reduced.programs)})`,
        executionsOf(full),
        thousands(reduced.executions),
        factor(full, reduced),
        `${ms(full.durationMs)} → ${ms(reduced.durationMs)}`,
      ]),
    ),
    ["l", "l", "r", "r", "r", "r"],
  );

const brokenTable = (rows: ReadonlyArray<ProofRow>): string =>
  table(
    ["pair", "verdict", "executions to first failure", "all executions", "counterexample", "caught by"],
    rows
      .filter((row) => row.expected === "violated")
      .map(({ title, verdict }) => {
        const size = sizeOf(verdict);
        const failure = verdict.counterexample?.execution.failure;
        const caught = failure === undefined ? "–" : failureClass(failure);
        const total = verdict.executions + (verdict.counterexample?.minimizationExecutions ?? 0);
        return [
          title,
          verdict.status,
          thousands(verdict.counterexample?.executionsToFailure ?? 0),
          thousands(total),
          size === undefined ? "–" : `${size.commands} commands, ${size.preemptions} preemption(s)`,
          caught,
        ];
      }),
    ["l", "l", "r", "r", "l", "l"],
  );

const strategyCell = (summary: StrategySummary | undefined): string => {
  if (summary === undefined) return "–";
  const { runsMedian, runsWorst, found, seeds } = summary.detection;
  return `${runsText(runsMedian)} / ${runsText(runsWorst)}${found < seeds ? ` (${found}/${seeds} found)` : ""}`;
};

const strategyTable = (rows: ReadonlyArray<StrategyRow>): string =>
  table(
    ["pair", ...strategyNames.map((strategy) => `${strategy}: median / worst runs`), ...strategyNames.map((strategy) => `${strategy}: shrunk to minimum`)],
    rows.map(({ title, summaries }) => {
      const of = (strategy: string) => summaries.find((summary) => summary.strategy === strategy);
      const shrunk = (summary: StrategySummary | undefined) =>
        summary === undefined || summary.shrunkSeeds === 0 ? "–" : `${summary.shrunkToMinimal}/${summary.shrunkSeeds}`;
      return [title, ...strategyNames.map((strategy) => strategyCell(of(strategy))), ...strategyNames.map((strategy) => shrunk(of(strategy)))];
    }),
    ["l", "r", "r", "r", "r", "r", "r"],
  );

const targets = (proofs: ReadonlyArray<ProofRow>, races: ReadonlyArray<StrategyRow>): ReadonlyArray<string> => {
  const correct = proofs.filter((row) => row.expected === "verified");
  const slowest = Math.max(...correct.map((row) => row.verdict.durationMs));
  const proved = correct.every((row) => row.verdict.status === "verified");
  // Per design, the smallest factor on triples: only designs whose commands touch different
  // aggregates can gain much (a registry's saves conflict with every command; only loads commute).
  const byDesign = new Map<string, number>();
  for (const row of correct) {
    for (const comparison of row.comparisons.filter((candidate) => candidate.name === "triples")) {
      const design = row.verdict.implementation.name;
      byDesign.set(design, Math.min(byDesign.get(design) ?? Infinity, comparison.full.executions / comparison.reduced.executions));
    }
  }
  const pctVersusUniform = races.map(({ title, summaries }) => {
    const median = (strategy: string) => summaries.find((summary) => summary.strategy === strategy)?.detection.runsMedian ?? Infinity;
    return { title, pct: median("pct"), uniform: median("uniform") };
  });
  const mark = (met: boolean) => (met ? "✓" : "✗");
  return [
    `- ${mark(proved && slowest < PROOF_TARGET_MS)} every correct design proved on its whole default domain in under ${PROOF_TARGET_MS / 1000} s: slowest ${ms(slowest)}${proved ? "" : " (some proof did not complete)"}`,
    `- ${mark([...byDesign.values()].some((value) => value >= REDUCTION_TARGET))} reduction ≥ ${REDUCTION_TARGET}× on triples where commands touch different aggregates; smallest factor per design: ${[...byDesign].map(([design, value]) => `${design} ×${value.toFixed(1)}`).join(", ") || "not measured"} (a lower bound where full enumeration hit its budget)`,
    `- ${mark(pctVersusUniform.every(({ pct, uniform }) => pct <= uniform) && pctVersusUniform.some(({ pct, uniform }) => pct < uniform))} PCT at least as good as uniform on every race (median runs) and better on one: ${pctVersusUniform.map(({ title, pct, uniform }) => `${title} ${runsText(pct)} vs ${runsText(uniform)}`).join("; ")}`,
  ];
};

/** The section's heading: `--section mutation` puts a new mutation section after it. */
export const PROOF_HEADING = "## Proof mode and search strategies";

/**
 * The "Proof mode and search strategies" section of BENCHMARKS.md: exhaustive proofs and their
 * reduction, known-broken designs in exhaustive mode, and runs to the first failure per strategy.
 */
export const proofSection = async (options: ProofBenchOptions): Promise<string> => {
  const progress = options.progress ?? stderrProgress();
  const shrinkSeeds = options.shrinkSeeds ?? SHRINK_SEEDS;
  const session = await memoryBackend.start();
  let proofs;
  let races;
  let largest;
  try {
    const select = options.select ?? (() => true);
    proofs = await measureProofs(provablePairs().filter(select), session, progress);
    largest = options.select === undefined ? await largestProofSection(session, progress) : undefined;
    const minimum = new Map(proofs.map((row) => [row.title, sizeOf(row.verdict)]));
    races = await measureStrategies(
      session,
      knownBrokenPairs("memory").filter(select),
      options.seeds,
      shrinkSeeds,
      (pair) => minimum.get(pairTitle(pair)),
      progress,
    );
  } finally {
    await session.stop();
  }
  const shape = proofs[0]?.verdict;
  return [
    PROOF_HEADING,
    "",
    shape === undefined
      ? ""
      : `Exhaustive mode (\`verify --exhaustive\`, docs/proof-mode.md) on the default domain: ${shapeText(shape.shape, shape.domain)}, every interleaving, partial-order reduction (source-set DPOR with sleep sets).`,
    "",
    "### Proofs of the correct designs",
    "",
    proofTable(proofs),
    "",
    ...(largest === undefined ? [] : [largest]),
    "### What partial-order reduction saves, against full enumeration of the same programs",
    "",
    reductionTable(proofs),
    "",
    "### Known-broken designs in exhaustive mode (deterministic: no seeds)",
    "",
    brokenTable(proofs),
    "",
    `### Runs to the first failure per random strategy (${options.seeds.length} seeds, ${Math.min(shrinkSeeds, options.seeds.length)} of them also shrunk)`,
    "",
    strategyTable(races),
    "",
    "### Targets",
    "",
    ...targets(proofs, races),
    "",
  ].join("\n");
};
