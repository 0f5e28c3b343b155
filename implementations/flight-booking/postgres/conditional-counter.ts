import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { FlightBookingCommand, FlightBookingConfig, FlightBookingOutcome, FlightBookingSnapshot } from "../../../model/flight-booking/types.js";
import { ticketLimit } from "../flight.js";
import { resetTables, type TableDefinition } from "../../postgres/table-definition.js";
import { readTickets } from "./tables.js";
import { inTransaction } from "../../postgres/transaction.js";

/** Each flight counts its tickets against its overbooking limit; a passenger holds one ticket per flight. */
const tables: ReadonlyArray<TableDefinition> = [
  { name: "flights", ddl: "CREATE TABLE flights (id text PRIMARY KEY, ticket_limit int NOT NULL, sold int NOT NULL DEFAULT 0)" },
  { name: "tickets", ddl: "CREATE TABLE tickets (flight text NOT NULL, passenger text NOT NULL, PRIMARY KEY (flight, passenger))" },
];

/** Thrown to roll the ticket back when the counter refuses it. */
class SoldOut extends Error {}

/**
 * A conditional counter plus a unique ticket: a booking inserts the ticket (`ON CONFLICT DO
 * NOTHING`: none inserted means `already-booked`, which takes precedence), then takes a seat with
 * `sold = sold + 1 WHERE sold < ticket_limit`, one statement that checks and counts under the
 * flight row's lock. No seat: the transaction rolls back, ticket and all. Concurrent bookings queue
 * on the flight row and each one's condition is checked again against the count before it.
 */
export const conditionalCounterFlightBooking = defineImplementation<
  FlightBookingConfig,
  FlightBookingCommand,
  FlightBookingOutcome,
  FlightBookingSnapshot,
  PostgresEnvironment
>({
  family: "flight-booking",
  name: "pg-flight-conditional-counter",
  design: "conditional counter update plus unique ticket",
  backend: "postgres",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, tables);
    // A flight outside the configuration has no row, hence no seat: the model's capacity 0.
    const flights = Object.entries(config.capacities);
    await direct.query("INSERT INTO flights (id, ticket_limit) SELECT * FROM unnest($1::text[], $2::int[])", [
      flights.map(([id]) => id),
      flights.map(([, seats]) => ticketLimit(seats)),
    ]);
    const book = (flight: string, passenger: string): Promise<FlightBookingOutcome> =>
      inTransaction(pool, "BEGIN", async (client) => {
        const ticket = await client.query("INSERT INTO tickets (flight, passenger) VALUES ($1, $2) ON CONFLICT DO NOTHING", [flight, passenger]);
        if (ticket.rowCount === 0) return "already-booked";
        const seat = await client.query("UPDATE flights SET sold = sold + 1 WHERE id = $1 AND sold < ticket_limit", [flight]);
        if (seat.rowCount === 0) throw new SoldOut();
        return "booked";
      }).catch((error: unknown) => {
        if (error instanceof SoldOut) return "sold-out";
        throw error;
      });
    const cancel = (flight: string, passenger: string): Promise<FlightBookingOutcome> =>
      inTransaction(pool, "BEGIN", async (client) => {
        const ticket = await client.query("DELETE FROM tickets WHERE flight = $1 AND passenger = $2", [flight, passenger]);
        if (ticket.rowCount === 0) return "not-booked";
        await client.query("UPDATE flights SET sold = sold - 1 WHERE id = $1", [flight]);
        return "cancelled";
      });
    return {
      execute: ({ _tag, flight, passenger }) => (_tag === "book" ? book(flight, passenger) : cancel(flight, passenger)),
      snapshot: () => readTickets(direct),
    };
  },
});
