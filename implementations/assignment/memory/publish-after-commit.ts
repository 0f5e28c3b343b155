import { defineEventualImplementation } from "../../../engine/eventual/port.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { slotSaga, type SlotTopics } from "../slot-saga.js";

/**
 * The container commits the reservation, then sends "slot reserved" on its own: not in the same
 * transaction. A crash between the two loses the message, and the redelivered request finds itself
 * already handled: the request never ends and the slot stays held. Without that crash it is correct.
 */
export const publishAfterCommit = defineEventualImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, SlotTopics>({
  family: "assignment",
  name: "publish-after-commit",
  design: "publish after commit",
  backend: "memory",
  keeps: ["container capacity", "member limit"],
  create: ({ config, messages }) => slotSaga(config, messages, "outbox"),
});
