import { defineImplementation } from "../../engine/implementation.js";
import type { FlightBookingCommand, FlightBookingConfig, FlightBookingOutcome, FlightBookingSnapshot } from "../../model/flight-booking/types.js";
import { decideBooking } from "../flight-booking/flight.js";
import { select } from "./query.js";
import { Table } from "./table.js";

/** One row per ticket sold; a cancelled ticket stays, marked. */
interface Ticket {
  readonly flight: string;
  readonly passenger: string;
  readonly cancelled: boolean;
}

/**
 * Naive count-then-insert: count the flight's tickets, and insert one more if the count is under
 * the limit. Two bookings that count at the same time both see the last seat free and both insert.
 */
export const naiveFlightBooking = defineImplementation<FlightBookingConfig, FlightBookingCommand, FlightBookingOutcome, FlightBookingSnapshot>({
  family: "flight-booking",
  name: "flight-naive",
  design: "naive count-then-insert",
  backend: "memory",
  claim: "linearizable",
  create({ config }) {
    const tickets = new Table<Ticket>("ticket", () => ({ flight: "", passenger: "", cancelled: true }));
    let issued = 0;
    return {
      async execute(command) {
        const sold = await select(tickets, `flight ${command.flight}`, (ticket) => ticket.flight === command.flight && !ticket.cancelled);
        const flight = { passengers: sold.map(([, ticket]) => ticket.passenger) };
        const decision = decideBooking(command, flight, config.capacities[command.flight] ?? 0);
        if (decision.outcome === "booked") await tickets.save(`t${++issued}`, { flight: command.flight, passenger: command.passenger, cancelled: false });
        if (decision.outcome === "cancelled") {
          for (const [id, ticket] of sold) if (ticket.passenger === command.passenger) await tickets.save(id, { ...ticket, cancelled: true });
        }
        return decision.outcome;
      },
      snapshot: () => ({ tickets: tickets.entries().flatMap(([, ticket]) => (ticket.cancelled ? [] : [[ticket.flight, ticket.passenger] as const])) }),
    };
  },
});
