import { memoryBackend } from "../backends/memory.js";
import { postgresBackend, startPostgresSession } from "../backends/postgres/index.js";
import type { BackendSession } from "../engine/backend.js";
import type { AnyScenario } from "../engine/reference-model.js";
import { DEFAULT_STRATEGY } from "../engine/schedule/strategies.js";
import type { Strategy } from "../engine/schedule/strategy.js";
import { lampSocket } from "../model/assignment/scenarios.js";
import { bankTransfer } from "../model/bank-transfer/scenarios.js";
import { verify } from "../properties/verify.js";
import { assignmentConcurrencyMutants, type ClassifiedMutant, secondCommandMutants } from "../test/mutation/concurrency-mutants.js";
import { postgresMutants } from "../test/mutation/postgres-mutants.js";
import { type Progress, stderrProgress } from "./progress.js";

/** Seeds per PostgreSQL mutant, at most: a check on a server costs seconds. */
const POSTGRES_SEEDS = 10;

/** Strategies side by side: the default first, then preemption points alone and half of each. */
const STRATEGIES: ReadonlyArray<Strategy> = [DEFAULT_STRATEGY, "preemptions", "mixed"];

/** On PostgreSQL, where every check costs seconds: the default, and half preemption points. */
const SERVER_STRATEGIES: ReadonlyArray<Strategy> = [DEFAULT_STRATEGY, "mixed"];

interface MutantRow {
  readonly mutant: ClassifiedMutant;
  readonly backend: "memory" | "postgres";
  readonly strategy: Strategy;
  /** Runs to the first failure per seed; Infinity where the backend's default runs found none. */
  readonly runs: ReadonlyArray<number>;
}

const scenarioOf = (mutant: ClassifiedMutant): AnyScenario => (mutant.implementation.family === "bank-transfer" ? bankTransfer : lampSocket);

/** Every in-memory mutant: the concurrency classes and the second-command ones. */
export const memoryMutants = (): ReadonlyArray<ClassifiedMutant> => [...assignmentConcurrencyMutants, ...secondCommandMutants];

const measure = async (
  session: BackendSession,
  backend: MutantRow["backend"],
  mutant: ClassifiedMutant,
  strategy: Strategy,
  seeds: ReadonlyArray<number>,
): Promise<MutantRow> => {
  const runs: number[] = [];
  for (const seed of seeds) {
    // The backend's default runs and no shrinking: how soon a check at the defaults meets the mistake.
    const verdict = await verify(scenarioOf(mutant), mutant.implementation, session, { mode: "concurrent", seed, strategy, shrink: false });
    runs.push(verdict.status === "violated" ? (verdict.counterexample?.runsToFailure ?? Infinity) : Infinity);
  }
  return { mutant, backend, strategy, runs };
};

const median = (values: ReadonlyArray<number>): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Infinity;
const runsText = (value: number): string => (Number.isFinite(value) ? String(value) : "missed");
const caughtEverywhere = (row: MutantRow): boolean => row.runs.every(Number.isFinite);

const measureAll = async (
  session: BackendSession,
  backend: MutantRow["backend"],
  mutants: ReadonlyArray<ClassifiedMutant>,
  strategies: ReadonlyArray<Strategy>,
  seeds: ReadonlyArray<number>,
  progress: Progress,
): Promise<MutantRow[]> => {
  const rows: MutantRow[] = [];
  for (const strategy of strategies) {
    const step = progress(`mutants, ${backend}, ${strategy}`, mutants.length);
    for (const [index, mutant] of mutants.entries()) {
      rows.push(await measure(session, backend, mutant, strategy, seeds));
      step.tick(index + 1);
    }
    const mine = rows.filter((row) => row.strategy === strategy);
    step.done(`${mine.filter(caughtEverywhere).length}/${mine.length} caught on every seed`);
  }
  return rows;
};

/** One table: per class of mistake and strategy, seeds caught of all and runs to the first failure. */
const table = (rows: ReadonlyArray<MutantRow>, strategies: ReadonlyArray<Strategy>): ReadonlyArray<string> => {
  const classes = [...new Set(rows.map((row) => row.mutant.mistakeClass))];
  const cell = (mistakeClass: string, strategy: Strategy) => {
    const runs = rows.filter((row) => row.strategy === strategy && row.mutant.mistakeClass === mistakeClass).flatMap((row) => row.runs);
    return `${runs.filter(Number.isFinite).length}/${runs.length} · ${runsText(median(runs))} / ${runsText(Math.max(...runs))}`;
  };
  return [
    `| mistake | mutants | ${strategies.map((strategy) => `${strategy}: seeds caught · runs median / worst`).join(" | ")} |`,
    `| --- | --- | ${strategies.map(() => "---").join(" | ")} |`,
    ...classes.map((mistakeClass) => {
      const count = rows.filter((row) => row.strategy === strategies[0] && row.mutant.mistakeClass === mistakeClass).length;
      return `| ${mistakeClass} | ${count} | ${strategies.map((strategy) => cell(mistakeClass, strategy)).join(" | ")} |`;
    }),
  ];
};

const score = (rows: ReadonlyArray<MutantRow>, strategy: Strategy): string => {
  const mine = rows.filter((row) => row.strategy === strategy);
  return `${mine.filter(caughtEverywhere).length}/${mine.length}`;
};

/**
 * The "Mutation testing" section of BENCHMARKS.md: broken variants of correct designs, by class of
 * mistake, checked in concurrent mode at the default settings on every seed. The score counts a
 * mutant as caught when every seed caught it; the tables give, per class, the seeds that caught it
 * and the runs to the first failure. `postgres`: the PostgreSQL mutants too, default strategy only.
 */
export const mutationSection = async (options: {
  readonly seeds: ReadonlyArray<number>;
  readonly postgres: boolean;
  readonly progress?: Progress;
}): Promise<string> => {
  const progress = options.progress ?? stderrProgress();
  const { seeds } = options;
  const memory = await memoryBackend.start();
  let rows: MutantRow[];
  try {
    rows = await measureAll(memory, "memory", memoryMutants(), STRATEGIES, seeds, progress);
  } finally {
    await memory.stop();
  }
  const serverSeeds = seeds.slice(0, POSTGRES_SEEDS);
  let serverRows: MutantRow[] = [];
  if (options.postgres) {
    const server = await startPostgresSession();
    try {
      serverRows = await measureAll(server, "postgres", postgresMutants, SERVER_STRATEGIES, serverSeeds, progress);
    } finally {
      await server.stop();
    }
  }
  const strategyScores = STRATEGIES.map((strategy) => `${strategy} ${score(rows, strategy)}`).join(", ");
  const missed = (all: ReadonlyArray<MutantRow>) =>
    all
      .filter((row) => row.strategy === DEFAULT_STRATEGY && !caughtEverywhere(row))
      .map((row) => `${row.mutant.implementation.name} (${row.runs.filter((runs) => !Number.isFinite(runs)).length} seed(s))`);
  const target = (backend: string, all: ReadonlyArray<MutantRow>) => {
    const misses = missed(all);
    return `- ${backend}: ${misses.length === 0 ? "**met**" : `**not met**: missed by ${misses.join(", ")}`}`;
  };
  return [
    "## Mutation testing",
    "",
    `Broken variants of correct designs (test/mutation/), checked in concurrent mode at the backend's default runs (memory ${memoryBackend.defaultRuns}, PostgreSQL ${postgresBackend.defaultRuns}) and the default settings otherwise, without shrinking (shrinking comes after the first failure and does not change whether it is found). A mutant is caught when every seed finds it; each cell gives the seeds that found it of all (mutants × seeds of the class), then the runs to the first failure, median and worst, over them. Regenerate this section alone with \`npm run bench -- --section mutation\`.`,
    "",
    "Target: every mutant caught by every seed at the defaults, with the default strategy.",
    "",
    target(`memory, ${seeds.length} seeds`, rows),
    ...(options.postgres ? [target(`PostgreSQL, ${serverSeeds.length} seeds`, serverRows)] : []),
    "",
    `### Memory: ${seeds.length} seeds`,
    "",
    `Mutation score (mutants caught on every seed): ${strategyScores}.`,
    "",
    ...table(rows, STRATEGIES),
    ...(options.postgres
      ? [
          "",
          `### PostgreSQL: ${serverSeeds.length} seeds`,
          "",
          `Mutation score: ${SERVER_STRATEGIES.map((strategy) => `${strategy} ${score(serverRows, strategy)}`).join(", ")}.`,
          "",
          ...table(serverRows, SERVER_STRATEGIES),
        ]
      : []),
  ].join("\n");
};
