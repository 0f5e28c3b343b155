import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineEventualImplementation } from "../../../engine/eventual/port.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import type { SlotTopics } from "../slot-saga.js";
import { slotSagaOnPostgres } from "./slot-saga.js";

/**
 * The member commits the join, then checks its limit in a second transaction and leaves again if it
 * is over: between the two commits the member row holds one container too many.
 */
export const eagerConfirmationOnPostgres = defineEventualImplementation<
  AssignmentConfig,
  AssignmentCommand,
  AssignmentOutcome,
  AssignmentSnapshot,
  SlotTopics,
  PostgresEnvironment
>({
  family: "assignment",
  name: "pg-eager-confirmation",
  design: "eager confirmation",
  backend: "postgres",
  keeps: ["container capacity", "member limit"],
  create: ({ config, messages, pool, direct }) => slotSagaOnPostgres(config, messages, { pool, direct }, "checked-confirmation"),
});
