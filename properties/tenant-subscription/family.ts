import { tenantSubscriptionModel } from "../../model/tenant-subscription/model.js";
import { tenantSubscriptionScenarios } from "../../model/tenant-subscription/scenarios.js";
import { defineFamily } from "../define-family.js";
import { tenantSubscriptionCommands } from "./commands.js";
import { tenantSubscriptionProofCommands, tenantSubscriptionProofGaps } from "./proof-domain.js";

export const tenantSubscriptionFamily = defineFamily(tenantSubscriptionModel, {
  scenarios: tenantSubscriptionScenarios,
  commands: tenantSubscriptionCommands,
  proofCommands: tenantSubscriptionProofCommands,
  proofGaps: tenantSubscriptionProofGaps,
  successes: ["subscribed", "unsubscribed"],
});
