import { memoryBackend } from "../backends/memory.js";
import type { BackendSession } from "../engine/backend.js";
import type { AnyScenario } from "../engine/reference-model.js";
import type { Strategy } from "../engine/schedule/strategy.js";
import { lampSocket } from "../model/assignment/scenarios.js";
import { bankTransfer } from "../model/bank-transfer/scenarios.js";
import { verify } from "../properties/verify.js";
import { assignmentConcurrencyMutants, type ClassifiedMutant, secondCommandMutants } from "../test/mutation/concurrency-mutants.js";
import { type Progress, stderrProgress } from "./progress.js";

/** Seeds per mutant, at most: every missed seed costs the backend's full default runs. */
const MUTATION_SEEDS = 10;

/** Strategies side by side: the default, and the uniform walk it is compared with. */
const STRATEGIES: ReadonlyArray<Strategy> = ["preemptions", "uniform"];

interface MutantRow {
  readonly mutant: ClassifiedMutant;
  readonly strategy: Strategy;
  /** Runs to the first failure per seed; Infinity where the backend's default runs found none. */
  readonly runs: ReadonlyArray<number>;
}

const scenarioOf = (mutant: ClassifiedMutant): AnyScenario => (mutant.implementation.family === "bank-transfer" ? bankTransfer : lampSocket);

/** Every in-memory mutant: the concurrency classes and the second-command ones. */
export const memoryMutants = (): ReadonlyArray<ClassifiedMutant> => [...assignmentConcurrencyMutants, ...secondCommandMutants];

const measure = async (session: BackendSession, mutant: ClassifiedMutant, strategy: Strategy, seeds: ReadonlyArray<number>): Promise<MutantRow> => {
  const runs: number[] = [];
  for (const seed of seeds) {
    // The backend's default runs and no shrinking: how soon a check at the defaults meets the mistake.
    const verdict = await verify(scenarioOf(mutant), mutant.implementation, session, { mode: "concurrent", seed, strategy, shrink: false });
    runs.push(verdict.status === "violated" ? (verdict.counterexample?.runsToFailure ?? Infinity) : Infinity);
  }
  return { mutant, strategy, runs };
};

const median = (values: ReadonlyArray<number>): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Infinity;
const runsText = (value: number): string => (Number.isFinite(value) ? String(value) : "missed");

/**
 * The "Mutation testing" section of BENCHMARKS.md: broken variants of correct designs, by class of
 * mistake, checked in concurrent mode at the default settings on every seed. The score counts a
 * mutant as caught when every seed caught it; the table gives runs to the first failure per class.
 */
export const mutationSection = async (options: { readonly seeds: ReadonlyArray<number>; readonly progress?: Progress }): Promise<string> => {
  const progress = options.progress ?? stderrProgress();
  const session = await memoryBackend.start();
  const rows: MutantRow[] = [];
  const seeds = options.seeds.slice(0, MUTATION_SEEDS);
  try {
    const mutants = memoryMutants();
    for (const strategy of STRATEGIES) {
      const step = progress(`mutants, ${strategy}`, mutants.length);
      for (const [index, mutant] of mutants.entries()) {
        rows.push(await measure(session, mutant, strategy, seeds));
        step.tick(index + 1);
      }
      const caught = rows.filter((row) => row.strategy === strategy && row.runs.every(Number.isFinite)).length;
      step.done(`${caught}/${mutants.length} caught on every seed`);
    }
  } finally {
    await session.stop();
  }
  const classes = [...new Set(rows.map((row) => row.mutant.mistakeClass))];
  const score = (strategy: Strategy) => {
    const mine = rows.filter((row) => row.strategy === strategy);
    return `${mine.filter((row) => row.runs.every(Number.isFinite)).length}/${mine.length}`;
  };
  const cell = (mistakeClass: string, strategy: Strategy) => {
    const runs = rows.filter((row) => row.strategy === strategy && row.mutant.mistakeClass === mistakeClass).flatMap((row) => row.runs);
    return `${runsText(median(runs))} / ${runsText(Math.max(...runs))}`;
  };
  return [
    "## Mutation testing",
    "",
    `Broken variants of correct in-memory designs (test/mutation/), checked in concurrent mode at the backend's default runs on ${seeds.length} seeds, without shrinking. A mutant is caught when every seed finds it.`,
    "",
    `Mutation score: ${STRATEGIES.map((strategy) => `${strategy} ${score(strategy)}`).join(", ")}.`,
    "",
    `| mistake | mutants | ${STRATEGIES.map((strategy) => `${strategy}: runs median / worst`).join(" | ")} |`,
    `| --- | --- | ${STRATEGIES.map(() => "---").join(" | ")} |`,
    ...classes.map((mistakeClass) => {
      const count = rows.filter((row) => row.strategy === STRATEGIES[0] && row.mutant.mistakeClass === mistakeClass).length;
      return `| ${mistakeClass} | ${count} | ${STRATEGIES.map((strategy) => cell(mistakeClass, strategy)).join(" | ")} |`;
    }),
  ].join("\n");
};
