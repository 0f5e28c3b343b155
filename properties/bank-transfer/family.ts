import { bankTransferModel } from "../../model/bank-transfer/model.js";
import { bankTransferScenarios } from "../../model/bank-transfer/scenarios.js";
import { defineFamily } from "../define-family.js";
import { bankTransferCommands } from "./commands.js";
import { bankTransferProofCommands, bankTransferProofGaps } from "./proof-domain.js";

export const bankTransferFamily = defineFamily(bankTransferModel, {
  scenarios: bankTransferScenarios,
  commands: bankTransferCommands,
  proofCommands: bankTransferProofCommands,
  proofGaps: bankTransferProofGaps,
  successes: ["deposited", "transferred", "deactivated"],
});
