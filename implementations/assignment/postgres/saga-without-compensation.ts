import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineEventualImplementation } from "../../../engine/eventual/port.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import type { SlotTopics } from "../slot-saga.js";
import { slotSagaOnPostgres } from "./slot-saga.js";

/**
 * The seeds' DetaineeAllocated case on PostgreSQL: the cell commits a reserved slot, the detainee
 * refuses, and nobody releases the slot: the cell row keeps it for a request that is over.
 */
export const sagaWithoutCompensationOnPostgres = defineEventualImplementation<
  AssignmentConfig,
  AssignmentCommand,
  AssignmentOutcome,
  AssignmentSnapshot,
  SlotTopics,
  PostgresEnvironment
>({
  family: "assignment",
  name: "pg-saga-without-compensation",
  design: "saga without compensation",
  backend: "postgres",
  keeps: ["container capacity", "member limit"],
  create: ({ config, messages, pool, direct }) => slotSagaOnPostgres(config, messages, { pool, direct }, "compensation"),
});
