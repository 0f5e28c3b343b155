import { defineEventualImplementation } from "../../../engine/eventual/port.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { slotSaga, type SlotTopics } from "../slot-saga.js";

/**
 * The member confirms on the first reservation and reconciles later: it joins, commits, then checks
 * its limit and leaves again if it is over. Between the two commits the member holds one container
 * more than its limit, where every reader can see it.
 */
export const eagerConfirmation = defineEventualImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, SlotTopics>({
  family: "assignment",
  name: "eager-confirmation",
  design: "eager confirmation",
  backend: "memory",
  keeps: ["container capacity", "member limit"],
  create: ({ config, messages }) => slotSaga(config, messages, "checked-confirmation"),
});
