import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineEventualImplementation } from "../../../engine/eventual/port.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import type { SlotTopics } from "../slot-saga.js";
import { slotSagaOnPostgres } from "./slot-saga.js";

/**
 * Reserve a slot on the container, then on the member; confirm both or release the first. Each
 * handler locks one aggregate row and commits it with its outbox rows and the id of the message it
 * handled; a handler that crashes loses its connection and its transaction, and the message comes
 * again. Both limits hold on confirmed pairs at every moment.
 */
export const slotReservationSagaOnPostgres = defineEventualImplementation<
  AssignmentConfig,
  AssignmentCommand,
  AssignmentOutcome,
  AssignmentSnapshot,
  SlotTopics,
  PostgresEnvironment
>({
  family: "assignment",
  name: "pg-slot-reservation-saga",
  design: "slot-reservation saga",
  backend: "postgres",
  keeps: ["container capacity", "member limit"],
  create: ({ config, messages, pool, direct }) => slotSagaOnPostgres(config, messages, { pool, direct }, "none"),
});
