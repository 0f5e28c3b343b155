import { CONCURRENT_SHAPE } from "../engine/random/case.js";
import { EXTRA_SEARCHES } from "../engine/random/smallest.js";
import { ms, percent, runs, table, thousands, times } from "./format.js";
import { observations } from "./observations.js";
import { DEFAULT_SEEDS } from "./options.js";
import type { Pair } from "./pairs.js";
import type { RaceFigures } from "./races.js";
import type { BenchReport } from "./report.js";
import type { SearchSummary, Size } from "./samples.js";
import { caughtByCell, SEARCH_COLUMNS, searchCells } from "./search-columns.js";
import type { PairRaces } from "./search-pairs.js";
import { ratio } from "./stats.js";
import { checkTargets, type TargetCheck } from "./targets.js";
import { perSecond, type Rate } from "./rounds.js";

const size = (value: Size | undefined): string =>
  value === undefined ? "–" : `${value.commands} cmd${value.preemptions === undefined ? "" : ` + ${value.preemptions} pre`}`;

const pairCells = (pair: Pair): string[] => [pair.scenario.name, pair.implementation.name];

const medianAndWorst = (summary: SearchSummary | undefined, limit: number): string =>
  summary === undefined ? "–" : `${runs(summary.runsMedian, limit)} / ${runs(summary.runsWorst, limit)}`;

const checkCost = (summary: SearchSummary | undefined, limit: number): string =>
  summary === undefined ? "–" : `${ms(summary.totalMsMedian)} (${runs(summary.totalRunsMedian, limit)} runs)`;

const summaryOf = (results: ReadonlyArray<PairRaces>, pair: Pair): SearchSummary | undefined => results.find((result) => result.pair === pair)?.summary;

const header = (report: BenchReport): string => {
  const { machine, seeds } = report;
  return [
    "# Benchmarks",
    "",
    `Written by \`${machine.command}\` on ${machine.date}: Node ${machine.node}, fast-check ${machine.fastCheck}, ${machine.cores} cores (${machine.cpu}), ` +
      `one-minute load average ${machine.load.start.toFixed(1)} at the start and ${machine.load.end.toFixed(1)} at the end; ` +
      `${seeds.length} seeds (${seeds.slice(0, 2).join(", ")}, … ${seeds[seeds.length - 1] ?? "–"}); the whole bench took ${ms(report.durationMs)}.`,
    "",
    "Timings on a small shared machine are noisy: read the ratios, which compare figures measured side by side in this",
    "process, rather than absolute times across runs. Run counts and shrunk sizes depend only on the seed and the code.",
    "Nothing here is asserted by a test. Regenerate with `npm run bench` (`-- --seeds N --out FILE`).",
  ].join("\n");
};

const targets = (report: BenchReport, more: ReadonlyArray<TargetCheck> = []): string =>
  [
    "## Targets",
    "",
    table(
      ["target", "measured", "met"],
      [...checkTargets(report), ...more].map((check) => [check.target, check.measured, check.met ? "yes" : "**no**"]),
    ),
    ...(report.seeds.length < DEFAULT_SEEDS
      ? ["", `Only ${report.seeds.length} seeds: the targets are stated over at least ${DEFAULT_SEEDS}; run with \`--seeds ${DEFAULT_SEEDS}\` or more.`]
      : []),
  ].join("\n");

const races = (figures: RaceFigures): string => {
  const limit = figures.runsPerCheck;
  const rows = figures.pairs.map(({ pair, summary }) => [
    ...searchCells(pair, summary, limit),
    size(summary.minimum),
    `${percent(summary.atMinimum)} (${percent(summary.atMinimumOfFound)} of found)`,
    percent(summary.twoCommandsOnePreemption),
    size(summary.largest),
    `${ms(summary.totalMsMedian)} / ${ms(summary.totalMsWorst)}`,
    runs(summary.totalRunsMedian, limit),
    caughtByCell(summary),
  ]);
  const capped =
    limit < figures.defaultRuns ? ` (\`verify\` gives ${figures.defaultRuns} on ${figures.backend}; the bench caps it to stay within minutes)` : "";
  return [
    `## 1. Known races found and shrunk (${figures.backend} backend, concurrent mode)`,
    "",
    'Every catalogue design with `expected.concurrent === "violated"`, on each scenario the catalogue gives it, checked once',
    `per seed through \`verify()\`, the path \`invariant-lab verify\` takes, with ${limit} random runs per check${capped}.`,
    "",
    "- *Runs / time to the 1st failure*: the random runs of the check's first search up to and including the first failing",
    `  one, and the time until it ended. A seed that found nothing counts as more than ${limit} runs (\`>${limit}\`, \`not found\`).`,
    "- *Minimum*: the smallest counterexample any seed reached for the pair, commands first, then preemptions (context",
    "  switches the schedule forces). *At the minimum* counts every seed, then only the seeds that found the race, which",
    "  separates shrinking from search misses. *Largest* is the largest counterexample a seed reported.",
    "- *Check time* and *runs per check*: the whole `check()`: search, shrinking, re-shrinking, and up to",
    `  ${EXTRA_SEARCHES} extra searches from the seeds after its own, run while its counterexample is larger than the smallest possible.`,
    "",
    table(
      [...SEARCH_COLUMNS, "minimum", "at the minimum", "at 2 cmd, ≤ 1 pre", "largest", "check time, median / worst", "runs per check, median", "caught by"],
      rows,
      ["l", "l", "r", "r", "r", "l", "r", "r", "l", "r", "r", "l"],
    ),
  ].join("\n");
};

const baselines = (report: BenchReport): string => {
  const { maxPrefix, minBranches, maxBranches, maxBranchLength } = CONCURRENT_SHAPE;
  const engine = report.races;
  const { scheduler, modelRun } = report.baselines;
  const limit = engine.runsPerCheck;
  const theirs = report.runsPerBaselineCheck;
  const runRows = engine.pairs.map(({ pair, summary }) => {
    const plain = summaryOf(scheduler, pair);
    const model = summaryOf(modelRun, pair);
    return [
      ...pairCells(pair),
      medianAndWorst(summary, limit),
      medianAndWorst(plain, theirs),
      times(ratio(summary.runsMedian, plain?.runsMedian)),
      medianAndWorst(model, theirs),
      times(ratio(summary.runsMedian, model?.runsMedian)),
    ];
  });
  const shrinkRows = engine.pairs.map(({ pair, summary }) => {
    const plain = summaryOf(scheduler, pair);
    const model = summaryOf(modelRun, pair);
    return [
      ...pairCells(pair),
      `${percent(summary.twoCommands)} · ${percent(plain?.twoCommands)} · ${percent(model?.twoCommands)}`,
      `${size(summary.largest)} · ${size(plain?.largest)} · ${size(model?.largest)}`,
      checkCost(summary, limit),
      checkCost(plain, theirs),
      checkCost(model, theirs),
    ];
  });
  return [
    `## 2. Side by side with fast-check's own scheduler (${engine.backend} backend, same pairs, same seeds)`,
    "",
    "Two baselines built directly on fast-check, run in the same process on the same implementations: an adapter runs",
    "each task under a step host whose gate is `s.schedule(Promise.resolve(label))`, so each repository call (each `step()`)",
    "waits for the scheduler. A run is judged by the engine's own criteria, once all its tasks are done: every invariant,",
    "then linearizability against the model and the stored state.",
    "",
    `- **fc.scheduler**: \`fc.asyncProperty(program, fc.scheduler())\` over the engine's case shape (a prefix of up to ${maxPrefix}`,
    `  commands, then ${minBranches} to ${maxBranches} branches of up to ${maxBranchLength}, from the same commands arbitrary), the branches run as concurrent tasks`,
    "  until `s.waitFor(all)`. The scheduler releases a uniformly random pending gate; its decisions do not shrink.",
    "- **fc.scheduledModelRun**: `fc.commands` over the same commands. That runner runs commands one at a time and hangs",
    "  if `run` awaits a gate, so each command starts its work as a task of its own and does not wait for it",
    "  (fire and forget); the run waits for all of them before it is judged.",
    "",
    `Each baseline check is one plain \`fc.check\` with ${theirs} runs and fast-check's default shrinking. A ratio above ×1 means`,
    "the engine needed more runs than the baseline.",
    "",
    "### Runs to the first failure (median / worst)",
    "",
    table(["scenario", "design", "engine", "fc.scheduler", "engine / fc.scheduler", "fc.scheduledModelRun", "engine / scheduledModelRun"], runRows, [
      "l",
      "l",
      "r",
      "r",
      "r",
      "r",
      "r",
    ]),
    "",
    "### Shrunk counterexamples and the cost of a check (engine · fc.scheduler · fc.scheduledModelRun)",
    "",
    table(
      ["scenario", "design", "seeds shrunk to 2 commands", "largest counterexample", "engine check, median", "fc.scheduler check", "scheduledModelRun check"],
      shrinkRows,
      ["l", "l", "r", "l", "r", "r", "r"],
    ),
  ].join("\n");
};

const rate = (value: Rate): string => `${thousands(perSecond(value))}/s`;
const failing = (value: Rate): string => percent(value.executions === 0 ? undefined : value.failures / value.executions);

const throughput = (report: BenchReport): string => {
  const figures = report.throughput;
  const rows = figures.rows.map((row) => [
    row.pair.implementation.name,
    row.correct ? "correct" : "known-broken",
    rate(row.engine),
    rate(row.scheduler),
    times(ratio(perSecond(row.engine), perSecond(row.scheduler))),
    rate(row.modelRun),
    times(ratio(perSecond(row.engine), perSecond(row.modelRun))),
    rate(row.alone),
    `${failing(row.engine)} · ${failing(row.scheduler)} · ${failing(row.modelRun)}`,
  ]);
  return [
    `## 3. Three-task executions per second (${figures.backend} backend, ${figures.scenario})`,
    "",
    `A batch of ${figures.batch} cases generated once by the engine's \`caseArbitrary\` (concurrent mode, kept when all 3 branches`,
    "have commands), executed through `execute()`: decisions from each case's preemptions, every check included. The",
    "fc.scheduler baseline runs the same programs, each run with a fresh pre-generated scheduler; the scheduledModelRun",
    "baseline runs 3 generated commands, one task each. *No harness* runs the same programs with ungated, unchecked",
    "tasks: a ceiling set by the implementations themselves. The contenders take turns, one batch each per round, for",
    `one warm-up round and ${figures.rounds} timed ones; the rate is over the median round, so that a round slowed down by`,
    "another process does not count. Generation is not timed. A broken design's run may stop at its first failure, so the",
    "rows of correct designs compare best. The last column shows how many random runs failed.",
    "",
    table(
      [
        "design",
        "verdict",
        "engine `execute()`",
        "fc.scheduler",
        "engine / fc.scheduler",
        "scheduledModelRun (3 cmd)",
        "engine / modelRun",
        "no harness",
        "failing runs: engine · fc.scheduler · modelRun",
      ],
      rows,
      ["l", "l", "r", "r", "r", "r", "r", "r", "r"],
    ),
  ].join("\n");
};

const notes = (report: BenchReport): string => {
  const lines = observations(report);
  return lines.length === 0 ? "" : ["## What these figures say", "", ...lines.map((line) => `- ${line}`)].join("\n");
};

/** Sections measured outside {@link BenchReport} (PostgreSQL), and their targets for the table at the top. */
export interface ExtraSections {
  readonly sections?: ReadonlyArray<string>;
  readonly targets?: ReadonlyArray<TargetCheck>;
}

/** BENCHMARKS.md: the command and machine, the targets, one section per figure, then what they say, then the extra sections. */
export const renderBenchmarks = (report: BenchReport, extra: ExtraSections = {}): string =>
  [header(report), targets(report, extra.targets), races(report.races), baselines(report), throughput(report), notes(report), ...(extra.sections ?? [])]
    .filter((part) => part !== "")
    .join("\n\n") + "\n";
