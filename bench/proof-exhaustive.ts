import type { BackendSession } from "../engine/backend.js";
import type { ProgramShape } from "../engine/exhaustive/programs.js";
import type { ProofVerdict } from "../engine/exhaustive/proof.js";
import { proofDomain, verifyExhaustively } from "../properties/verify-exhaustively.js";
import { type Pair, pairsOn, pairTitle } from "./pairs.js";
import type { Progress } from "./progress.js";

/** A domain on which the search also runs without reduction, to measure what reduction saves. */
export interface ComparedShape {
  readonly name: string;
  readonly shape: ProgramShape;
}

/** Where full enumeration stays affordable: every pair after 0–1 commands; every triple alone. */
export const COMPARED_SHAPES: ReadonlyArray<ComparedShape> = [
  { name: "pairs after 0–1 commands", shape: { maxPrefix: 1, minConcurrent: 2, maxConcurrent: 2 } },
  { name: "triples", shape: { maxPrefix: 0, minConcurrent: 3, maxConcurrent: 3 } },
];

/** The same programs searched with and without reduction. */
export interface Comparison {
  readonly name: string;
  readonly reduced: ProofVerdict;
  /** Incomplete when it hit `FULL_BUDGET`: its count is then a lower bound. */
  readonly full: ProofVerdict;
}

/**
 * Full enumeration explodes where retries lengthen the runs (three unit-of-work commits on one
 * socket): past this many executions it stops, and the factor it gives is a lower bound.
 */
export const FULL_BUDGET = { executions: 300_000 };

/** One pair of the catalogue in exhaustive mode: the default search, and the comparisons. */
export interface ProofRow {
  readonly title: string;
  readonly expected: "verified" | "violated";
  /** The default domain with reduction: the proof `verify --exhaustive` prints. */
  readonly verdict: ProofVerdict;
  readonly comparisons: ReadonlyArray<Comparison>;
}

/** The pairs of the catalogue on `backend` (default: memory) whose family declares a proof domain. */
export const provablePairs = (backend = "memory"): ReadonlyArray<Pair> =>
  pairsOn(backend, () => true).filter((pair) => proofDomain(pair.scenario) !== undefined);

/**
 * Correct designs are proved (and compared with full enumeration on `COMPARED_SHAPES`), known-broken
 * ones are searched until their minimal counterexample.
 */
export const measureProofs = async (pairs: ReadonlyArray<Pair>, session: BackendSession, progress: Progress): Promise<ReadonlyArray<ProofRow>> => {
  const rows: ProofRow[] = [];
  for (const pair of pairs) rows.push(await measurePair(pair, session, progress));
  return rows;
};

const measurePair = async (pair: Pair, session: BackendSession, progress: Progress): Promise<ProofRow> => {
  const expected = pair.entry.expected.concurrent === "passed" ? "verified" : "violated";
  const step = progress(`exhaustive · ${pairTitle(pair)}`, 1);
  const prove = (options: Parameters<typeof verifyExhaustively>[3]) =>
    verifyExhaustively(pair.scenario, pair.implementation, session, { ...options, onProgress: step.tick });
  const verdict = await prove({});
  const comparisons: Comparison[] = [];
  if (expected === "verified") {
    for (const { name, shape } of COMPARED_SHAPES)
      comparisons.push({ name, reduced: await prove({ shape }), full: await prove({ shape, reduction: false, budget: FULL_BUDGET }) });
  }
  step.done(`${verdict.status}, ${verdict.executions} executions in ${Math.round(verdict.durationMs)} ms`);
  return { title: pairTitle(pair), expected, verdict, comparisons };
};
