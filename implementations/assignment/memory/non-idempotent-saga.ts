import { defineEventualImplementation } from "../../../engine/eventual/port.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { slotSaga, type SlotTopics } from "../slot-saga.js";

/**
 * The container's handler does not remember the messages it handled: delivered twice (at least once
 * is all a broker promises), a join request reserves a second slot, and its saga runs twice.
 */
export const nonIdempotentSaga = defineEventualImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, SlotTopics>({
  family: "assignment",
  name: "non-idempotent-saga",
  design: "saga with a non-idempotent handler",
  backend: "memory",
  keeps: ["container capacity", "member limit"],
  create: ({ config, messages }) => slotSaga(config, messages, "idempotence"),
});
