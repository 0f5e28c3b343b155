import { describe, expect, test } from "vitest";
import type { ProofStatus, ProofVerdict } from "../../engine/exhaustive/proof.js";
import { PAIRS_SHAPE } from "../../engine/exhaustive/programs.js";
import type { PostgresProofFigures } from "../../bench/postgres-proofs.js";
import { renderPostgresProofs } from "../../bench/postgres-proofs-markdown.js";

const verdict = (status: ProofStatus, executions: number, programsExplored = 21): ProofVerdict => ({
  scenario: "lamp-socket",
  implementation: { name: "design", design: "design", backend: "postgres", claim: "linearizable" },
  status,
  shape: PAIRS_SHAPE,
  domain: 6,
  commands: [],
  programs: 21,
  programsExplored,
  executions,
  redundant: 0,
  undecided: 0,
  preemptionBound: undefined,
  reduction: true,
  durationMs: 1000,
});

const figures = (correct: PostgresProofFigures["correct"], broken: PostgresProofFigures["broken"]): PostgresProofFigures => ({
  server: { text: "a server", where: "embedded server", startMs: 1 },
  date: "2026-01-01T00:00:00Z",
  load: { start: 1, end: 1 },
  correct,
  broken,
  uncovered: [{ name: "pg-transfer-saga", correct: true }],
  durationMs: 5000,
});

const budget = { seconds: 30 };

describe("the PostgreSQL proofs section", () => {
  test("a known-broken design verified on every pair is reported not caught", () => {
    const text = renderPostgresProofs(figures([], [{ title: "lamp-socket · pg-naive-rc", search: { verdict: verdict("verified", 120), budget } }]), "bench");
    expect(text).toContain("**not caught**");
  });

  test("a proof its budget stopped is incomplete with its count, and the target is not met", () => {
    const text = renderPostgresProofs(
      figures(
        [
          {
            title: "lamp-socket · pg-unit-of-work",
            proof: { verdict: verdict("verified", 268), budget },
            full: { verdict: verdict("incomplete", 2000, 5), budget },
          },
          { title: "club-membership · pg-row-locks", proof: { verdict: verdict("incomplete", 90, 3), budget }, full: undefined },
        ],
        [],
      ),
      "bench",
    );
    expect(text).toContain("stopped by its 30 s budget after 3 of 21 programs");
    expect(text).toContain("≥ 2,000 in 1.0 s, stopped by its 30 s budget · ≥ ×7.5");
    expect(text).toContain("✗ **not met**");
    expect(text).toContain("1 of 2 proved");
    expect(text).toContain("pg-transfer-saga");
  });

  test("a search without reduction stopped before the proof's count gives no factor", () => {
    const text = renderPostgresProofs(
      figures(
        [
          {
            title: "lamp-socket · pg-row-locks",
            proof: { verdict: verdict("verified", 2226), budget },
            full: { verdict: verdict("incomplete", 1087, 2), budget },
          },
        ],
        [],
      ),
      "bench",
    );
    expect(text).toContain("≥ 1,087 in 1.0 s, stopped by its 30 s budget · no factor");
    expect(text).not.toContain("×0.5");
  });
});
