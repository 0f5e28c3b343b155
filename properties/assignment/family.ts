import { assignmentModel } from "../../model/assignment/model.js";
import { assignmentScenarios } from "../../model/assignment/scenarios.js";
import { defineFamily } from "../define-family.js";
import { assignmentCommands } from "./commands.js";
import { assignmentProofCommands, assignmentProofGaps } from "./proof-domain.js";

export const assignmentFamily = defineFamily(assignmentModel, {
  scenarios: assignmentScenarios,
  commands: assignmentCommands,
  proofCommands: assignmentProofCommands,
  proofGaps: assignmentProofGaps,
  successes: ["joined", "left"],
});
