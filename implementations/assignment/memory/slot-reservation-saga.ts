import { defineEventualImplementation } from "../../../engine/eventual/port.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { slotSaga, type SlotTopics } from "../slot-saga.js";

/**
 * Reserve a slot on the container, then on the member; confirm both or release the first. Each step
 * commits one aggregate with its outgoing messages (outbox) and the ids it handled (idempotent), so
 * a crash, a duplicate or a late message changes nothing. Both limits hold on confirmed pairs at
 * every moment; a join may be refused because of a slot that a failing join holds for a while.
 */
export const slotReservationSaga = defineEventualImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, SlotTopics>({
  family: "assignment",
  name: "slot-reservation-saga",
  design: "slot-reservation saga",
  backend: "memory",
  keeps: ["container capacity", "member limit"],
  create: ({ config, messages }) => slotSaga(config, messages, "none"),
});
