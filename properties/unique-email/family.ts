import { uniqueEmailModel } from "../../model/unique-email/model.js";
import { uniqueEmailScenarios } from "../../model/unique-email/scenarios.js";
import { defineFamily } from "../define-family.js";
import { uniqueEmailCommands } from "./commands.js";
import { uniqueEmailProofCommands, uniqueEmailProofGaps } from "./proof-domain.js";

export const uniqueEmailFamily = defineFamily(uniqueEmailModel, {
  scenarios: uniqueEmailScenarios,
  commands: uniqueEmailCommands,
  proofCommands: uniqueEmailProofCommands,
  proofGaps: uniqueEmailProofGaps,
  successes: ["registered", "changed", "unregistered"],
});
