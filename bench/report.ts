import { availableParallelism, cpus, loadavg } from "node:os";
import fc from "fast-check";
import type { RaceFigures } from "./races.js";
import type { PairRaces } from "./search-pairs.js";
import type { ThroughputFigures } from "./throughput.js";

/** Where and how the figures were taken: a ratio means little without it. */
export interface Machine {
  readonly command: string;
  readonly date: string;
  readonly node: string;
  readonly fastCheck: string;
  readonly cores: number;
  readonly cpu: string;
  /** One-minute load average when the bench started and when it ended: other work on the machine. */
  readonly load: { readonly start: number; readonly end: number };
}

/** Takes the machine's description at the start of a bench. */
export const machine = (command: string, date: Date): Machine => ({
  command,
  date: date.toISOString().replace(/\.\d+Z$/, "Z"),
  node: process.version,
  fastCheck: fc.__version,
  cores: availableParallelism(),
  cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
  load: { start: loadavg()[0] ?? 0, end: loadavg()[0] ?? 0 },
});

/** Records the load at the end, once the measurements are done. */
export const finish = (taken: Machine): Machine => ({ ...taken, load: { start: taken.load.start, end: loadavg()[0] ?? 0 } });

/** Everything one bench run measured (PostgreSQL and proofs aside), ready to be written out. */
export interface BenchReport {
  readonly machine: Machine;
  readonly seeds: ReadonlyArray<number>;
  readonly durationMs: number;
  readonly races: RaceFigures;
  /** The baselines on the same pairs and seeds as `races`. */
  readonly baselines: { readonly scheduler: ReadonlyArray<PairRaces>; readonly modelRun: ReadonlyArray<PairRaces> };
  readonly runsPerBaselineCheck: number;
  readonly throughput: ThroughputFigures;
}
