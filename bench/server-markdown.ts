import { ms, percent, table, thousands, times } from "./format.js";
import { pairTitle } from "./pairs.js";
import type { Repeated } from "./server-determinism.js";
import type { PairRaceFigures } from "./server-races.js";
import { addTally, emptyTally, type Tally } from "./server-run.js";
import type { ServerFigures } from "./server-section.js";
import type { DesignRate } from "./server-throughput.js";
import { perSecond } from "./rounds.js";
import { type SearchSample, smallestRace } from "./samples.js";
import { median, ratio, worstBy } from "./stats.js";
import { caughtByCell, SEARCH_COLUMNS, searchCells } from "./search-columns.js";
import type { TargetCheck } from "./targets.js";

/** On the correct designs: a known-broken design's run may stop at its first failure, so its rate says less. */
const MIN_EXECUTIONS_PER_SECOND = 150;
const MAX_MEDIAN_MS = 10_000;

const rateText = (value: number): string => `${thousands(value)}/s`;
const share = (part: number, whole: number): string => (whole === 0 ? "–" : percent(part / whole));
const probeShare = (tally: Tally): string => share(tally.probeMs, tally.ms);
const searchRate = (tally: Tally): number => (tally.ms === 0 ? 0 : (tally.runs * 1000) / tally.ms);

const sizeText = (result: SearchSample): string => {
  if (result.error !== undefined) return "threw";
  if (!result.found) return "not found";
  return `${result.commands} cmd + ${result.preemptions} pre`;
};

const smallest = (result: SearchSample): boolean =>
  result.found && result.commands !== undefined && smallestRace({ commands: result.commands, preemptions: result.preemptions });

const memoryRate = (figures: ServerFigures, row: DesignRate): number | undefined => {
  const counterpart = figures.throughput.rows.find(
    (candidate) => candidate.pair.implementation.backend === "memory" && candidate.pair.implementation.name === row.memory,
  );
  return counterpart === undefined ? undefined : perSecond(counterpart.rate);
};

/** The timed rows of the section's own backend (the others are memory's, for the ratio). */
const serverRows = (figures: ServerFigures): ReadonlyArray<DesignRate> =>
  figures.throughput.rows.filter((row) => row.pair.implementation.backend === figures.bench.backend);

const throughputSection = (figures: ServerFigures): string => {
  const { throughput } = figures;
  const rows = throughput.rows.map((row) => {
    const rate = perSecond(row.rate);
    const memory = memoryRate(figures, row);
    const onServer = row.pair.implementation.backend === figures.bench.backend;
    return [
      row.pair.implementation.backend,
      row.pair.implementation.name,
      row.correct ? "correct" : "known-broken",
      rateText(rate),
      onServer ? `${row.memory ?? "–"} ${memory === undefined ? "" : rateText(memory)}` : "–",
      onServer ? times(ratio(memory, rate)) : "–",
      share(row.rate.failures, row.tally.runs),
      onServer ? share(row.tally.waited, row.tally.runs) : "–",
      onServer ? probeShare(row.tally) : "–",
    ];
  });
  return [
    `### Executions per second (${throughput.scenario})`,
    "",
    `A batch of ${throughput.batch} cases generated once by the engine's \`caseArbitrary\` (concurrent mode, kept when at least 2 branches`,
    `have commands: ${throughput.branches.two} with 2, ${throughput.branches.three} with 3), executed with \`execute()\` directly, each`,
    "case on a fresh instance with every check included, one batch per design per round, the order reversed every other",
    `round: one warm-up round, then ${throughput.rounds} timed ones; the rate is over the median round. The memory designs run the very same`,
    `cases, for the ratio; they are compared with the ${figures.bench.engine} design of the same verdict. A broken design's run may stop`,
    "at its first failure, so the correct designs' rows compare best.",
    "",
    table(
      [
        "backend",
        "design",
        "verdict",
        "executions per second",
        "memory design",
        `memory / ${figures.bench.engine}`,
        "failing runs",
        "runs with a lock wait",
        "time in the probe",
      ],
      rows,
      ["l", "l", "l", "r", "l", "r", "r", "r", "r"],
    ),
    ...breakdownTable(figures),
  ].join("\n");
};

const perRun = (value: number, runs: number): string => (runs === 0 ? "–" : (value / runs).toFixed(1));

/** Where the section's backend's timed executions spent their time and their round trips; nothing where they were not counted. */
const breakdownTable = (figures: ServerFigures): ReadonlyArray<string> => {
  const counter = figures.bench.breakdown;
  if (counter === undefined) return [];
  const rows = serverRows(figures).flatMap((row) => {
    const { breakdown: b, tally } = row;
    if (b === undefined) return [];
    const n = tally.runs;
    const rest = tally.ms - b.resetMs - b.snapshotMs - tally.probeMs;
    const trips = b.resetTrips + b.snapshotTrips + b.probeTrips + b.statementTrips;
    return [
      [
        row.pair.implementation.name,
        perRun(tally.ms, n),
        `${perRun(b.resetMs, n)} · ${perRun(b.resetTrips, n)}`,
        `${perRun(b.snapshotMs, n)} · ${perRun(b.snapshotTrips, n)} (${perRun(b.snapshots, n)} read)`,
        `${perRun(tally.probeMs, n)} · ${perRun(b.probeTrips, n)}`,
        `${perRun(rest, n)} · ${perRun(b.statementTrips, n)}`,
        perRun(trips, n),
        perRun(b.cpuMs, n),
      ],
    ];
  });
  return [
    "",
    ...counter.explanation,
    "",
    table(["design", "ms per execution", "reset", "snapshots", "probe", "statements and engine", "round trips", "harness CPU ms"], rows, [
      "l",
      "r",
      "r",
      "r",
      "r",
      "r",
      "r",
      "r",
    ]),
    ...(counter.notes.length === 0 ? [] : ["", ...counter.notes]),
  ];
};

const raceRow = ({ pair, detection, shrunk, tally }: PairRaceFigures, maxRuns: number, shrinking: boolean): string[] => {
  const { summary } = detection;
  const verified = shrinking
    ? [shrunk.samples.map(sizeText).join(" · "), `${shrunk.samples.filter(smallest).length}/${shrunk.samples.length}`, ms(shrunk.summary.totalMsMedian)]
    : [];
  return [...searchCells(pair, summary, maxRuns), rateText(searchRate(tally)), ...verified, caughtByCell(summary)];
};

const racesSection = (figures: ServerFigures): string => {
  const { races } = figures;
  const seeds = races.seeds;
  // `--quick` leaves the full verify() out: the detection figures alone.
  const shrinking = races.shrinkSeeds.length > 0;
  return [
    `### Known races: runs and time to the first failure${shrinking ? ", and the shrunk counterexample" : ""} (${races.pairs.length} pairs)`,
    "",
    `Every catalogue design on ${figures.bench.engine} with \`expected.concurrent === "violated"\`, on each scenario the catalogue gives it.`,
    "",
    `- *Detection*: the check's first search alone (\`verify()\` with \`shrink: false\`, which stops at the first failing run), from`,
    `  ${seeds.length} seeds (${seeds[0] ?? "–"}, ${seeds[1] ?? "–"}, … ${seeds[seeds.length - 1] ?? "–"}), given ${races.maxRuns} runs each; a seed that found`,
    `  nothing counts as \`>${races.maxRuns}\` runs and \`not found\`. The time is the whole search, generation included.`,
    "  *Executions per second* is over every run of those searches, whose cases are smaller on average than the batch above.",
    ...(shrinking
      ? [
          `- *Shrinking*: a full \`verify()\` (the path \`invariant-lab verify\` takes, ${races.verifyRuns} runs per check, the backend's default) from`,
          `  seeds ${races.shrinkSeeds.join(" and ")}: the counterexample it reports, commands + preemptions, per seed; how many reached 2 commands and`,
          "  ≤ 1 preemption; the median time of the whole check (search, shrinking, the extra searches).",
        ]
      : ["- *Shrinking* was not measured in this run (`--quick`)."]),
    "",
    table(
      [
        ...SEARCH_COLUMNS,
        "executions per second",
        ...(shrinking ? [`verify(): seed ${races.shrinkSeeds.join(" · seed ")}`, "at 2 cmd, ≤ 1 pre", "verify() time, median"] : []),
        "caught by",
      ],
      races.pairs.map((pair) => raceRow(pair, races.maxRuns, shrinking)),
      ["l", "l", "r", "r", "r", "r", ...(shrinking ? (["l", "r", "r"] as const) : []), "l"],
    ),
  ].join("\n");
};

const detectionTally = (figures: ServerFigures): Tally => {
  const tally = emptyTally();
  for (const pair of figures.races.pairs) addTally(tally, pair.tally);
  return tally;
};

const quiescenceSection = (figures: ServerFigures): string => {
  const detection = detectionTally(figures);
  const row = (design: string, verdict: string, source: string, tally: Tally): string[] => [
    design,
    verdict,
    source,
    thousands(tally.runs),
    thousands(tally.waited),
    ms(tally.ms),
    ms(tally.probeMs),
    probeShare(tally),
  ];
  const rows = [
    ...serverRows(figures).map((rate) =>
      row(rate.pair.implementation.name, rate.correct ? "correct" : "known-broken", `timed batch (${figures.throughput.scenario})`, rate.tally),
    ),
    ...figures.determinism.map((repeated) =>
      row(
        repeated.pair.implementation.name,
        repeated.correct ? "correct" : "known-broken",
        `determinism search (${repeated.pair.scenario.name}), one repetition`,
        repeated.tally,
      ),
    ),
    row(`${figures.races.pairs.length} known-broken pairs`, "known-broken", "every detection search", detection),
  ];
  return [
    "### Time spent detecting quiescence",
    "",
    "The engine decides only when no task is working: with statements in flight it asks the backend's blocking probe",
    `(${figures.bench.probe}) whether each one waits for a lock held by a parked task. The share`,
    "is the sum of `Execution.probeMs` over the sum of the runs' wall time: `execute()` from start to end in the timed batch,",
    "from the end of one run to the end of the next (generating its case included) in the searches. Polls between two",
    "questions are not counted here: they wait for statements that are still running.",
    "",
    table(["design", "verdict", "source", "runs", "with a lock wait", "run time", "in the probe", "share"], rows, ["l", "l", "l", "r", "r", "r", "r", "r"]),
  ].join("\n");
};

const determinismSection = (figures: ServerFigures): string => {
  const rows = figures.determinism.map((repeated: Repeated) => [
    pairTitle(repeated.pair),
    repeated.correct ? "correct" : "known-broken",
    String(repeated.seed),
    repeated.correct ? `${figures.scale.correctRuns} runs` : "to the first failure",
    String(repeated.repetitions),
    `${repeated.tally.waited} of ${repeated.tally.runs}`,
    String(repeated.distinctInterleavings),
    String(repeated.distinctTimelines),
    repeated.verdicts.join(" / "),
  ]);
  const broken = figures.determinism.find((repeated) => !repeated.correct);
  return [
    "### Determinism",
    "",
    `One seed of ${broken === undefined ? "no known-broken pair" : `the catalogue's first known-broken ${figures.bench.engine} pair (${pairTitle(broken.pair)})`}, searched to its first failure,`,
    `and one seed of ${figures.bench.lockingDesign}, a correct design whose statements wait for row locks, searched over ${figures.scale.correctRuns} runs: each search repeated on the`,
    "same server. *Interleavings* compares the sequences of the engine's fingerprints of every run (the order of every",
    "step of every task); *timelines* compares the whole recorded timelines of every run: steps, what each statement",
    "returned, which task a statement waited for, invocations, outcomes and the verdict. Both must be 1.",
    "",
    table(
      [
        "pair",
        "verdict",
        "seed",
        "search",
        "repetitions",
        "runs with a lock wait",
        "distinct interleavings",
        "distinct timelines",
        "result of every repetition",
      ],
      rows,
      ["l", "l", "r", "l", "r", "r", "r", "r", "l"],
    ),
  ].join("\n");
};

/** The targets set for a server backend (PostgreSQL's), each met or not by this run. */
export const serverTargets = (figures: ServerFigures): ReadonlyArray<TargetCheck> => {
  const rates = serverRows(figures)
    .filter((row) => row.correct)
    .map((row) => ({ design: row.pair.implementation.name, rate: perSecond(row.rate) }));
  const slowestRate = worstBy(rates, (row) => -row.rate);
  const pairs = figures.races.pairs;
  const medianMs = (pair: PairRaceFigures): number => pair.detection.summary.msMedian ?? Infinity;
  const slowestRace = worstBy(pairs, medianMs);
  const over = pairs.filter((pair) => medianMs(pair) > MAX_MEDIAN_MS);
  const distinct = figures.determinism.map((repeated) => `${pairTitle(repeated.pair)} ${repeated.distinctTimelines}`);
  return [
    {
      target: `≥ ${MIN_EXECUTIONS_PER_SECOND} executions per second on ${figures.bench.engine} (${figures.server.where}, ${figures.throughput.scenario}, 2–3 branches, every correct design)`,
      measured:
        slowestRate === undefined
          ? "nothing measured"
          : `slowest ${rateText(slowestRate.rate)} (${slowestRate.design}); ${rates.map((row) => `${row.design} ${rateText(row.rate)}`).join(", ")}`,
      met: slowestRate !== undefined && slowestRate.rate >= MIN_EXECUTIONS_PER_SECOND,
    },
    {
      target: `every known race found in ≤ ${MAX_MEDIAN_MS / 1000} s, median over seeds (${figures.bench.engine}, ${pairs.length} known-broken pairs, ${figures.races.seeds.length} seeds)`,
      measured:
        slowestRace === undefined
          ? "no known-broken pair"
          : `slowest median ${ms(slowestRace.detection.summary.msMedian)} (${pairTitle(slowestRace.pair)})` +
            (over.length === 0 ? "" : `; over the target: ${over.map((pair) => pairTitle(pair.pair)).join(", ")}`),
      met: slowestRace !== undefined && over.length === 0,
    },
    {
      target: `one timeline per seed, the same search repeated (${figures.bench.engine})`,
      measured: distinct.length === 0 ? "nothing measured" : `distinct timelines: ${distinct.join(", ")}`,
      met: figures.determinism.length > 0 && figures.determinism.every((repeated) => repeated.distinctTimelines === 1 && repeated.distinctInterleavings === 1),
    },
  ];
};

/** Statements computed from this run's figures. */
const observations = (figures: ServerFigures): ReadonlyArray<string> => {
  const lines: string[] = [];
  const correct = serverRows(figures).filter((row) => row.correct);
  const slower = correct.flatMap((row) => ratio(memoryRate(figures, row), perSecond(row.rate)) ?? []);
  if (correct.length > 0) {
    lines.push(
      `The correct ${figures.bench.engine} designs ran ${correct.map((row) => `${row.pair.implementation.name} ${rateText(perSecond(row.rate))}`).join(", ")}: ` +
        `the memory design ran the same cases ${times(median(slower))} faster (median over them). The probe took ${share(
          correct.reduce((sum, row) => sum + row.tally.probeMs, 0),
          correct.reduce((sum, row) => sum + row.tally.ms, 0),
        )} of their run time, ` +
        `and ${probeShare(detectionTally(figures))} of the run time of every detection search of the known-broken pairs.`,
    );
  }
  const pairs = figures.races.pairs;
  const allFound = pairs.filter((pair) => pair.detection.summary.found === pair.detection.summary.seeds);
  const medians = pairs.map((pair) => pair.detection.summary.msMedian ?? Infinity);
  lines.push(
    `Every seed found the race on ${allFound.length} of ${pairs.length} pairs; the median time to the first failure was at most ${ms(Math.max(...medians, 0))} on every pair, the worst single seed ${ms(Math.max(...pairs.map((pair) => pair.detection.summary.msWorst ?? Infinity), 0))}.`,
  );
  const shrunk = pairs.flatMap((pair) => pair.shrunk.samples);
  const repeated = figures.determinism;
  if (repeated.length > 0) {
    lines.push(
      `Repeated ${repeated[0]?.repetitions ?? 0} times from one seed, ` +
        repeated
          .map(
            (result) =>
              `${pairTitle(result.pair)} ran ${result.distinctTimelines === 1 ? "one timeline" : `${result.distinctTimelines} distinct timelines`} ` +
              `(${result.tally.waited} of its ${result.tally.runs} runs waited for a lock)`,
          )
          .join(" and ") +
        ".",
    );
  }
  if (shrunk.length > 0)
    lines.push(
      `\`verify()\` reported 2 commands and ≤ 1 preemption on ${shrunk.filter(smallest).length} of ${shrunk.length} checks; ${shrunk.filter((result) => !result.found).length} found nothing within its ${figures.races.verifyRuns} runs.`,
    );
  return lines;
};

/**
 * A server backend's section of BENCHMARKS.md, headed by the command that wrote it: a section can be
 * measured alone (`--section`) and spliced into a report written earlier.
 */
export const serverSection = (figures: ServerFigures, command: string): string =>
  [
    figures.bench.title,
    "",
    `Written by \`${command}\` on ${figures.date}; one-minute load average ${figures.load.start.toFixed(1)} when the section began and ${figures.load.end.toFixed(1)} at its end.`,
    `Measured on ${figures.server.text}. One backend session serves every figure, taken one after another;`,
    `the server was ready ${ms(figures.server.startMs)} after the section began, and the section took ${ms(figures.durationMs)}. ${figures.bench.flags}`,
    "",
    throughputSection(figures),
    "",
    racesSection(figures),
    "",
    quiescenceSection(figures),
    "",
    determinismSection(figures),
    "",
    `### What these figures say (${figures.bench.engine})`,
    "",
    ...observations(figures).map((line) => `- ${line}`),
  ].join("\n");
