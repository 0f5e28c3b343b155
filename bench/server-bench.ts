import type { BackendSession } from "../engine/backend.js";
import type { BreakdownCounter } from "./postgres-breakdown.js";
import type { Progress } from "./progress.js";

/** How much each figure of a server section measures. */
export interface ServerScale {
  /** Seeds per known race searched to the first failure, and how many of them also go through a full `verify()`. */
  readonly detectionSeeds: number;
  readonly shrinkSeeds: number;
  /** Cases per batch and timed rounds of the executions per second. */
  readonly batch: number;
  readonly rounds: number;
  /** Repetitions of each determinism search, and the runs of the correct design's search. */
  readonly repetitions: number;
  readonly correctRuns: number;
}

/** What `npm run bench` measures. */
export const FULL_SCALE: ServerScale = { detectionSeeds: 10, shrinkSeeds: 2, batch: 40, rounds: 3, repetitions: 20, correctRuns: 20 };

/** `--quick`: fewer seeds, no `verify()` shrinking, a smaller batch, fewer repetitions; for a busy machine. */
export const QUICK_SCALE: ServerScale = { detectionSeeds: 3, shrinkSeeds: 0, batch: 20, rounds: 2, repetitions: 5, correctRuns: 10 };

/** A design timed for executions per second, with the memory design of the same verdict it is compared with. */
export interface ThroughputDesign {
  readonly backend: string;
  readonly name: string;
  /** The memory design that runs the same cases for the ratio; undefined for a memory design itself. */
  readonly memory: string | undefined;
}

/** The server a section's figures were taken on, as its section describes it. */
export interface ServerInfo {
  /** One sentence's worth: which server, where it came from. */
  readonly text: string;
  /** A few words for a target's row, e.g. `embedded server`. */
  readonly where: string;
  /** How long the backend took to start the session (and the server with it). */
  readonly startMs: number;
}

/** A started session for a section, described. */
export interface StartedServer {
  readonly session: BackendSession;
  readonly server: ServerInfo;
}

/**
 * What tells one server backend's section from another's: the same figures (executions per second,
 * known races, time in the probe, determinism) are taken the same way on every SQL backend.
 */
export interface ServerBench {
  /** The catalogue's backend name: `postgres`, `mariadb`. */
  readonly backend: string;
  /** The engine's name in prose: `PostgreSQL`, `MariaDB`. */
  readonly engine: string;
  /** The section's `## ` heading: a single run of the section replaces what sits under it. */
  readonly title: string;
  /** Whether the figures are held to the targets at the top of BENCHMARKS.md (set for PostgreSQL only). */
  readonly targets: boolean;
  /** How to leave the section out of `npm run bench`, and how to take it alone. */
  readonly flags: string;
  /** What the blocking probe asks, for the quiescence figure's explanation. */
  readonly probe: string;
  /** The timed designs, on {@link THROUGHPUT_SCENARIO}: the backend's first, then memory's. */
  readonly throughput: ReadonlyArray<ThroughputDesign>;
  /** A correct design whose statements wait for row locks, searched again and again from one seed. */
  readonly lockingDesign: string;
  /** Counts the timed executions' round trips by role for the breakdown under the rates; undefined where its driver's cannot be. */
  readonly breakdown: BreakdownCounter | undefined;
  readonly start: (progress: Progress) => Promise<StartedServer>;
}
