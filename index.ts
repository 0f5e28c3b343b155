/**
 * invariant-lab's public API: everything a team needs to have its own design verified, and to run
 * the same checks inside its own test suite. Nothing else is meant for import from outside.
 */
export { defineImplementation } from "./engine/implementation.js";
export type { AnyImplementation, Claim, Implementation, Instance } from "./engine/implementation.js";
export { step } from "./engine/step.js";
export { lock, withLocks } from "./engine/locks/lock.js";
export type { Release } from "./engine/locks/lock.js";
export type { AnyScenario, Invariant, ReferenceModel, Scenario, StartingState } from "./engine/reference-model.js";
export { defineFamily } from "./properties/define-family.js";
export type { AnyFamily, Family, FamilyParts, ImplementationOf } from "./properties/define-family.js";
export { commandsFromSchema, everyCommand } from "./properties/commands-from-schema.js";
export type { CommandsFromSchemaOptions, CommandValues } from "./properties/commands-from-schema.js";
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
export { assertClaim, assertClaimOn } from "./properties/assert-claim.js";
export { defineEventualImplementation } from "./engine/eventual/port.js";
export type { Delivery, EventualImplementation, EventualInstance, EventualSnapshot, MessagePort } from "./engine/eventual/port.js";
export type { EventualVerdict } from "./engine/eventual/check.js";
export { eventualVerdictLine, eventualVerdictReport } from "./engine/eventual/report.js";
export { verifyEventually } from "./properties/eventual/verify-eventually.js";
export { eventualProofDomain, proveEventualDesign } from "./properties/eventual/prove-eventually.js";
export { DEFAULT_EVENTUAL_BOUND, type EventualProofBound, type EventualProofVerdict } from "./engine/eventual/proof.js";
export { eventualProofLine } from "./engine/eventual/proof-report.js";
export type { AssertClaimOptions } from "./properties/assert-claim.js";
export { describeClaims } from "./properties/vitest-claims.js";
export { registerClaims } from "./properties/describe-claims.js";
export type { DescribeClaimsOptions, SuiteApi } from "./properties/describe-claims.js";
export type { VerifyJsonCheck, VerifyJsonReport } from "./cli/json-report.js";
export type {
  AssignmentCommand,
  AssignmentConfig,
  AssignmentImplementation,
  AssignmentOutcome,
  AssignmentSnapshot,
  JoinOutcome,
  LeaveOutcome,
} from "./model/assignment/types.js";
export type {
  UniqueEmailCommand,
  UniqueEmailConfig,
  UniqueEmailImplementation,
  UniqueEmailOutcome,
  UniqueEmailSnapshot,
  RegisterOutcome,
  ChangeEmailOutcome,
  ChangeEmailIfCurrentOutcome,
  UnregisterOutcome,
} from "./model/unique-email/types.js";
export type {
  TenantSubscriptionCommand,
  TenantSubscriptionConfig,
  TenantSubscriptionImplementation,
  TenantSubscriptionOutcome,
  TenantSubscriptionSnapshot,
  SubscribeOutcome,
  UnsubscribeOutcome,
} from "./model/tenant-subscription/types.js";
export type {
  BankTransferCommand,
  BankTransferConfig,
  BankTransferImplementation,
  BankTransferOutcome,
  BankTransferSnapshot,
  DepositOutcome,
  TransferOutcome,
  DeactivateOutcome,
} from "./model/bank-transfer/types.js";
export type {
  FlightBookingCommand,
  FlightBookingConfig,
  FlightBookingImplementation,
  FlightBookingOutcome,
  FlightBookingSnapshot,
  BookOutcome,
  CancelOutcome,
} from "./model/flight-booking/types.js";
export { postgresBackend } from "./backends/postgres/index.js";
export type { PostgresEnvironment } from "./backends/postgres/environment.js";
export { DeadlockDetected, RolledBackCommit } from "./backends/postgres/statement.js";
export { UngatedConnection } from "./backends/postgres/ungated.js";
export { inTransaction, retryTransaction, sqlstate, violates } from "./implementations/postgres/transaction.js";
export type { Isolation, Queryable } from "./implementations/postgres/transaction.js";
export { resetTables } from "./implementations/postgres/table-definition.js";
export type { TableDefinition } from "./implementations/postgres/table-definition.js";
export { select } from "./implementations/memory/query.js";
export type { Write } from "./implementations/memory/table.js";
