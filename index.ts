/**
 * invariant-lab's public API: everything a team needs to have its own design verified, and to run
 * the same checks inside its own test suite. Nothing else is meant for import from outside.
 */
export { defineImplementation } from "./engine/implementation.js";
export type { AnyImplementation, Claim, Implementation, Instance } from "./engine/implementation.js";
export { step } from "./engine/step.js";
export { lock, withLocks } from "./engine/locks/lock.js";
export type { Release } from "./engine/locks/lock.js";
export type { AnyScenario, Invariant, ReferenceModel, Scenario } from "./engine/reference-model.js";
export { check } from "./engine/random/check.js";
export type { Case, CheckOptions, Counterexample, Mode, Verdict } from "./engine/random/check.js";
export type { Failure } from "./engine/failure.js";
export type { Backend, BackendSession, RunLease } from "./engine/backend.js";
export { resolveRunSettings } from "./engine/settings.js";
export type { RunDefaults, RunOptions, RunSettings } from "./engine/settings.js";
export { verdictLine, verdictReport } from "./engine/report/verdict-text.js";
export { drawTimeline } from "./engine/report/timeline.js";
export { verify } from "./properties/verify.js";
export type { VerifyOptions } from "./properties/verify.js";
export { verifyExhaustively } from "./properties/verify-exhaustively.js";
export type { ExhaustiveOptions } from "./properties/verify-exhaustively.js";
export type { ProofSearch, ProofVerdict } from "./engine/exhaustive/proof.js";
export { proofLine, proofReport } from "./engine/report/proof-report.js";
export type { Strategy } from "./engine/schedule/strategy.js";
export type { Access } from "./engine/step.js";
export { allScenarios, families } from "./properties/families.js";
export { catalogue } from "./properties/catalogue.js";
export { backends, backendNamed } from "./backends/index.js";
export { memoryBackend } from "./backends/memory.js";
export { Table, commitUnitOfWork } from "./implementations/memory/table.js";
export { retryOnConflict } from "./implementations/memory/retry.js";
export { assertClaim } from "./properties/assert-claim.js";
export type { AssertClaimOptions } from "./properties/assert-claim.js";
export type {
  AssignmentCommand,
  AssignmentConfig,
  AssignmentImplementation,
  AssignmentOutcome,
  AssignmentSnapshot,
} from "./model/assignment/types.js";
