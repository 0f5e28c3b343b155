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

/** `count` bookings of `flight` by passengers s1, s2, … (ids the generated commands never use). */
const sold = (flight: string, count: number): ReadonlyArray<FlightBookingCommand> =>
  Array.from({ length: count }, (_, index) => ({ _tag: "book" as const, flight, passenger: `s${index + 1}` }));

/**
 * The 10% margin at the numbers where it shows, one booking away: a design that forgets it, takes
 * 20%, rounds with `Math.round`, compares against `capacity * 1.1` in floating point
 * (11.000000000000002 tickets fit on a 10-seat plane) or checks with `>` answers one of these
 * bookings wrongly, even sequentially. The full flights come first because shrinking moves
 * towards the first ids.
 */
export const overbookingMargin: FlightBookingScenario = {
  name: "overbooking-margin",
  summary: "the 10% overbooking margin at 5, 10 and 20 seats, each flight at or one short of its limit",
  model: flightBookingModel,
  config: { capacities: { f20: 20, f5: 5, f10: 10 }, passengers: ["p1", "p2", "s1"] },
  start: {
    summary: "f20 with 22 tickets for 20 seats (full), f5 with 5 for 5 seats (full), f10 with 10 for 10 seats (limit 11)",
    commands: [...sold("f20", 22), ...sold("f5", 5), ...sold("f10", 10)],
  },
};

export const flightBookingScenarios: ReadonlyArray<FlightBookingScenario> = [flightBooking, overbookingMargin];
