import { defineImplementation } from "../../../engine/implementation.js";
import { step } from "../../../engine/step.js";
import type { FlightBookingCommand, FlightBookingConfig, FlightBookingOutcome, FlightBookingSnapshot } from "../../../model/flight-booking/types.js";
import { decideBooking } from "../flight.js";
import { select } from "../../memory/query.js";
import { Table } from "../../memory/table.js";

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
        // The id is drawn inside the insert's step (declared as writing every ticket), not between
        // await points, where exhaustive mode's declared accesses would not cover it.
        if (decision.outcome === "booked") {
          const ticket = { flight: command.flight, passenger: command.passenger, cancelled: false };
          await step(
            `insert ticket ${JSON.stringify(ticket)}`,
            () => tickets.write(`t${++issued}`, ticket, 0).apply(),
            () => "",
            { writes: [tickets.key("*")] },
          );
        }
        if (decision.outcome === "cancelled") {
          for (const [id, ticket] of sold) if (ticket.passenger === command.passenger) await tickets.save(id, { ...ticket, cancelled: true });
        }
        return decision.outcome;
      },
      snapshot: () => ({ tickets: tickets.entries().flatMap(([, ticket]) => (ticket.cancelled ? [] : [[ticket.flight, ticket.passenger] as const])) }),
    };
  },
});
