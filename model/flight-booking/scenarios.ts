import type { Scenario } from "../../engine/reference-model.js";
import { type FlightBookingState, flightBookingModel } from "./model.js";
import type { FlightBookingCommand, FlightBookingConfig, FlightBookingOutcome, FlightBookingSnapshot } from "./types.js";

export type FlightBookingScenario = Scenario<FlightBookingConfig, FlightBookingState, FlightBookingCommand, FlightBookingOutcome, FlightBookingSnapshot>;

/**
 * Small planes on purpose: a race needs one booking more than the limit, and a run has at most
 * three concurrent branches. Below 10 seats floor(capacity × 1.1) is the capacity itself, so the
 * 10% margin shows from 10 seats (limit 11), beyond what a run's bookings reach; the model's own
 * tests cover it.
 */
export const flightBooking: FlightBookingScenario = {
  name: "flight-booking",
  summary: "a passenger books a seat: at most floor(capacity × 1.1) tickets per flight, one per passenger",
  model: flightBookingModel,
  config: { capacities: { f1: 1, f2: 2 }, passengers: ["p1", "p2", "p3"] },
};

export const flightBookingScenarios: ReadonlyArray<FlightBookingScenario> = [flightBooking];
