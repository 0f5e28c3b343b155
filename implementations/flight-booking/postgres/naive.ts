import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { FlightBookingCommand, FlightBookingConfig, FlightBookingOutcome, FlightBookingSnapshot } from "../../../model/flight-booking/types.js";
import { decideBooking } from "../flight.js";
import { resetTables, type TableDefinition } from "../../postgres/table-definition.js";
import { readTickets } from "./tables.js";
import { inTransaction } from "../../postgres/transaction.js";

/** One row per ticket sold, and no constraint at all: the count is all there is. */
const tickets: TableDefinition = {
  name: "tickets",
  ddl: "CREATE TABLE tickets (flight text NOT NULL, passenger text NOT NULL)",
};

/**
 * Naive count-then-insert at READ COMMITTED: read the flight's tickets, let the Flight decide
 * against its seats, insert or delete a ticket. Two bookings for the last seat both count it free,
 * since neither sees the other's ticket before it commits, and both insert.
 */
export const naiveFlightBookingOnPostgres = defineImplementation<
  FlightBookingConfig,
  FlightBookingCommand,
  FlightBookingOutcome,
  FlightBookingSnapshot,
  PostgresEnvironment
>({
  family: "flight-booking",
  name: "pg-flight-naive",
  design: "naive count-then-insert, READ COMMITTED",
  backend: "postgres",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, [tickets]);
    return {
      execute: (command) =>
        inTransaction(pool, "BEGIN ISOLATION LEVEL READ COMMITTED", async (client) => {
          const { flight, passenger } = command;
          const { rows } = await client.query<{ passenger: string }>("SELECT passenger FROM tickets WHERE flight = $1", [flight]);
          const decision = decideBooking(command, { passengers: rows.map((row) => row.passenger) }, config.capacities[flight] ?? 0);
          if (decision.outcome === "booked") await client.query("INSERT INTO tickets (flight, passenger) VALUES ($1, $2)", [flight, passenger]);
          if (decision.outcome === "cancelled") await client.query("DELETE FROM tickets WHERE flight = $1 AND passenger = $2", [flight, passenger]);
          return decision.outcome;
        }),
      snapshot: () => readTickets(direct),
    };
  },
});
