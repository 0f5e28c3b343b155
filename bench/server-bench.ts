import type { BackendSession } from "../engine/backend.js";
import type { Progress } from "./progress.js";

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
  readonly start: (progress: Progress) => Promise<StartedServer>;
}
