import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineEventualImplementation } from "../../../engine/eventual/port.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import type { SlotTopics } from "../slot-saga.js";
import { slotSagaOnPostgres } from "./slot-saga.js";

/**
 * The container commits the reservation, then sends "slot reserved" straight to the broker, not
 * through the outbox: a crash between the COMMIT and the send loses the message, and the message id
 * the transaction recorded stops the redelivered request from trying again. Correct without that crash.
 */
export const publishAfterCommitOnPostgres = defineEventualImplementation<
  AssignmentConfig,
  AssignmentCommand,
  AssignmentOutcome,
  AssignmentSnapshot,
  SlotTopics,
  PostgresEnvironment
>({
  family: "assignment",
  name: "pg-publish-after-commit",
  design: "publish after commit",
  backend: "postgres",
  keeps: ["container capacity", "member limit"],
  create: ({ config, messages, pool, direct }) => slotSagaOnPostgres(config, messages, { pool, direct }, "outbox"),
});
