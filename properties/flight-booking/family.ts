import { flightBookingModel } from "../../model/flight-booking/model.js";
import { flightBookingScenarios } from "../../model/flight-booking/scenarios.js";
import { defineFamily } from "../define-family.js";
import { flightBookingCommands } from "./commands.js";
import { flightBookingProofCommands, flightBookingProofGaps } from "./proof-domain.js";

export const flightBookingFamily = defineFamily(flightBookingModel, {
  scenarios: flightBookingScenarios,
  commands: flightBookingCommands,
  proofCommands: flightBookingProofCommands,
  proofGaps: flightBookingProofGaps,
  successes: ["booked", "cancelled"],
});
