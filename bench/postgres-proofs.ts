import { loadavg } from "node:os";
import type { BackendSession } from "../engine/backend.js";
import type { Budget } from "../engine/exhaustive/budget.js";
import { PAIRS_SHAPE } from "../engine/exhaustive/programs.js";
import type { ProofVerdict } from "../engine/exhaustive/proof.js";
import { eventualCatalogue } from "../properties/catalogue.js";
import { verifyExhaustively } from "../properties/verify-exhaustively.js";
import { type Pair, pairTitle } from "./pairs.js";
import { postgresBench } from "./postgres.js";
import { POSTGRES_PROOFS_HEADING, renderPostgresProofs } from "./postgres-proofs-markdown.js";
import { provablePairs } from "./proof-exhaustive.js";
import { type Progress, stderrProgress } from "./progress.js";
import { errorText } from "./search-pairs.js";
import type { ServerInfo } from "./server-bench.js";

/**
 * What one proof may spend: "in minutes" is the claim this section tests. At 20 to 60 executions a
 * second, the pairs domain of a design that takes row locks or counts with CHECK constraints (2,000
 * to 4,500 executions) is one to two minutes; a proof the budget stops is reported incomplete with
 * its count.
 */
export const PROOF_BUDGET: Budget = { seconds: 180 };

/**
 * The designs whose reduction is measured, on lamp-socket, get the time to finish: a factor against
 * an unfinished reduced search would mean nothing.
 */
export const COMPARED_PROOF_BUDGET: Budget = { seconds: 300 };

/** Without reduction the same programs take tens of thousands of executions: a lower bound is all that fits. */
export const FULL_BUDGET: Budget = { seconds: 45 };

/** The designs measured with and without reduction, on this scenario (docs/proof-mode.md, "On PostgreSQL"). */
export const COMPARED_SCENARIO = "lamp-socket";
export const COMPARED_DESIGNS: ReadonlyArray<string> = ["pg-unit-of-work", "pg-row-locks"];

/**
 * A known-broken design's search stops here at the latest. Most fail within a few executions, then
 * the rest of their size is searched for the fewest preemptions; from club-membership's start
 * (full clubs) the naive race is a member joining its club with room twice, about 200 executions in.
 */
export const BROKEN_BUDGET: Budget = { seconds: 120 };

/** One exhaustive search and the budget it was given. */
export interface Search {
  readonly verdict: ProofVerdict;
  readonly budget: Budget;
}

/** A correct design's proof on the pairs domain, with the same programs searched without reduction for the compared ones. */
export interface CorrectProof {
  readonly title: string;
  readonly proof: Search;
  readonly full: Search | undefined;
}

/** A known-broken design searched on the pairs domain until its minimal counterexample. */
export interface BrokenSearch {
  readonly title: string;
  readonly search: Search;
}

/** An eventually-consistent design on PostgreSQL: proof mode for linearizable designs does not take it. */
export interface UncoveredDesign {
  readonly name: string;
  readonly correct: boolean;
}

export interface PostgresProofFigures {
  readonly server: ServerInfo;
  /** When the section began (ISO, to the second), and the one-minute load average then and at its end. */
  readonly date: string;
  readonly load: { readonly start: number; readonly end: number };
  readonly correct: ReadonlyArray<CorrectProof>;
  readonly broken: ReadonlyArray<BrokenSearch>;
  readonly uncovered: ReadonlyArray<UncoveredDesign>;
  readonly durationMs: number;
}

const search = async (pair: Pair, session: BackendSession, progress: Progress, title: string, budget: Budget, reduction = true): Promise<Search> => {
  const step = progress(title, 1);
  const verdict = await verifyExhaustively(pair.scenario, pair.implementation, session, { shape: PAIRS_SHAPE, reduction, budget, onProgress: step.tick });
  step.done(`${verdict.status}, ${verdict.executions} executions in ${(verdict.durationMs / 1000).toFixed(1)} s`);
  return { verdict, budget };
};

const isCompared = (pair: Pair): boolean => pair.scenario.name === COMPARED_SCENARIO && COMPARED_DESIGNS.includes(pair.implementation.name);

const proveCorrect = async (pair: Pair, session: BackendSession, progress: Progress): Promise<CorrectProof> => {
  const title = pairTitle(pair);
  const compared = isCompared(pair);
  const proof = await search(pair, session, progress, `postgres proof · ${title}`, compared ? COMPARED_PROOF_BUDGET : PROOF_BUDGET);
  const full = compared ? await search(pair, session, progress, `postgres proof · ${title} · no reduction`, FULL_BUDGET, false) : undefined;
  return { title, proof, full };
};

const measure = async (progress: Progress): Promise<PostgresProofFigures> => {
  const started = performance.now();
  const date = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const load = loadavg()[0] ?? 0;
  const pairs = provablePairs("postgres");
  const { session, server } = await postgresBench.start(progress);
  const correct: CorrectProof[] = [];
  const broken: BrokenSearch[] = [];
  try {
    for (const pair of pairs.filter((candidate) => candidate.entry.expected.concurrent === "passed")) correct.push(await proveCorrect(pair, session, progress));
    for (const pair of pairs.filter((candidate) => candidate.entry.expected.concurrent === "violated")) {
      const title = pairTitle(pair);
      broken.push({ title, search: await search(pair, session, progress, `postgres proof · ${title}`, BROKEN_BUDGET) });
    }
  } finally {
    await session.stop();
  }
  const uncovered = eventualCatalogue
    .filter((entry) => entry.implementation.backend === "postgres")
    .map((entry) => ({ name: entry.implementation.name, correct: entry.expected.concurrent === "passed" }));
  return { server, date, load: { start: load, end: loadavg()[0] ?? 0 }, correct, broken, uncovered, durationMs: performance.now() - started };
};

/**
 * The "PostgreSQL proofs" section of BENCHMARKS.md: every SQL design of the catalogue in exhaustive
 * mode on the pairs domain, with reduction, on the embedded server the PostgreSQL section starts. A
 * server that cannot be started costs this section alone: it then says why it is missing.
 */
export const postgresProofsSection = async (command: string, progress: Progress = stderrProgress()): Promise<string> => {
  try {
    return renderPostgresProofs(await measure(progress), command);
  } catch (error) {
    progress("postgres proofs", 1).done(`not measured: ${errorText(error)}`);
    return [POSTGRES_PROOFS_HEADING, "", `Not measured: ${errorText(error)}. Take it alone with \`--section postgres-proofs\`.`].join("\n");
  }
};
