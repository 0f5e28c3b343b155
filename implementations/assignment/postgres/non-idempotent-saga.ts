import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineEventualImplementation } from "../../../engine/eventual/port.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import type { SlotTopics } from "../slot-saga.js";
import { slotSagaOnPostgres } from "./slot-saga.js";

/**
 * The container's handler records no processed message ids: a join request delivered twice
 * reserves a second slot, and its saga runs twice.
 */
export const nonIdempotentSagaOnPostgres = defineEventualImplementation<
  AssignmentConfig,
  AssignmentCommand,
  AssignmentOutcome,
  AssignmentSnapshot,
  SlotTopics,
  PostgresEnvironment
>({
  family: "assignment",
  name: "pg-non-idempotent-saga",
  design: "saga with a non-idempotent handler",
  backend: "postgres",
  keeps: ["container capacity", "member limit"],
  create: ({ config, messages, pool, direct }) => slotSagaOnPostgres(config, messages, { pool, direct }, "idempotence"),
});
