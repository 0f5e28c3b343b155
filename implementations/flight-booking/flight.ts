import type { BookOutcome, CancelOutcome, FlightBookingCommand } from "../../model/flight-booking/types.js";

/** The Flight aggregate of the seed: the passengers holding a ticket. */
export interface Flight {
  readonly passengers: ReadonlyArray<string>;
}

export const emptyFlight = (): Flight => ({ passengers: [] });

/** How many tickets an airline sells for a flight of `capacity` seats. */
export type OverbookingPolicy = (capacity: number) => number;

/** The airline's overbooking policy: 10% over the seats, rounded down (in integers, not 1.1 × capacity). */
export const ticketLimit: OverbookingPolicy = (capacity) => Math.floor((capacity * 11) / 10);

export type BookingDecision =
  { readonly outcome: Exclude<BookOutcome | CancelOutcome, "booked" | "cancelled"> } | { readonly outcome: "booked" | "cancelled"; readonly flight: Flight };

/** Books or cancels on a flight with `capacity` seats, checking in the order the outcomes take precedence. */
export const decideBooking = (command: FlightBookingCommand, flight: Flight, capacity: number, policy: OverbookingPolicy = ticketLimit): BookingDecision => {
  const { passenger } = command;
  const holds = flight.passengers.includes(passenger);
  if (command._tag === "cancel") {
    return holds ? { outcome: "cancelled", flight: { passengers: flight.passengers.filter((holder) => holder !== passenger) } } : { outcome: "not-booked" };
  }
  if (holds) return { outcome: "already-booked" };
  if (flight.passengers.length >= policy(capacity)) return { outcome: "sold-out" };
  return { outcome: "booked", flight: { passengers: [...flight.passengers, passenger] } };
};
