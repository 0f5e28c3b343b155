import { defineImplementation } from "../../../engine/implementation.js";
import type { FlightBookingCommand, FlightBookingConfig, FlightBookingOutcome, FlightBookingSnapshot } from "../../../model/flight-booking/types.js";
import { decideBooking, emptyFlight, type Flight, type OverbookingPolicy, ticketLimit } from "../flight.js";
import { retryOnConflict } from "../../memory/retry.js";
import { Table } from "../../memory/table.js";

/**
 * The seeds' versioned Flight aggregate: the tickets live inside the flight, so the count and the
 * new ticket are one save, made only if nobody saved the flight since it was loaded; on a conflict
 * the booking starts over and counts again. Correct: the invariant lives in one aggregate.
 * `policy` is the airline's overbooking rule, a parameter so that wrong rules can be checked too.
 */
export const versionedFlightUnder = (policy: OverbookingPolicy, name: string, design: string) =>
  defineImplementation<FlightBookingConfig, FlightBookingCommand, FlightBookingOutcome, FlightBookingSnapshot>({
    family: "flight-booking",
    name,
    design,
    backend: "memory",
    claim: "linearizable",
    create({ config }) {
      const flights = new Table<Flight>("flight", emptyFlight);
      return {
        execute: (command) =>
          retryOnConflict(async () => {
            const flight = await flights.load(command.flight);
            const decision = decideBooking(command, flight.value, config.capacities[command.flight] ?? 0, policy);
            if (!("flight" in decision)) return decision.outcome;
            return (await flights.saveIfVersion(command.flight, decision.flight, flight.version)) ? decision.outcome : "conflict";
          }),
        snapshot: () => ({ tickets: flights.entries().flatMap(([id, flight]) => flight.passengers.map((passenger) => [id, passenger] as const)) }),
      };
    },
  });

/** The airline's own policy: 10% over the seats, rounded down. */
export const versionedFlightBooking = versionedFlightUnder(ticketLimit, "flight-versioned-aggregate", "versioned aggregate (Flight), retried");
