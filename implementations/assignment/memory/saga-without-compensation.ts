import { defineEventualImplementation } from "../../../engine/eventual/port.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { slotSaga, type SlotTopics } from "../slot-saga.js";

/**
 * The seeds' DetaineeAllocated case: the cell reserves a slot, the detainee refuses (already in a
 * cell), and nobody gives the slot back. The refusal is reported, but the cell keeps a slot held
 * for a request that is over.
 */
export const sagaWithoutCompensation = defineEventualImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, SlotTopics>({
  family: "assignment",
  name: "saga-without-compensation",
  design: "saga without compensation",
  backend: "memory",
  keeps: ["container capacity", "member limit"],
  create: ({ config, messages }) => slotSaga(config, messages, "compensation"),
});
