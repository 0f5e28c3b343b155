import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { FlightBookingCommand, FlightBookingConfig, FlightBookingOutcome, FlightBookingSnapshot } from "../../../model/flight-booking/types.js";
import { decideBooking } from "../flight.js";
import { resetTables, type Table } from "../../mariadb/tables.js";
import { inTransaction, rowsOf } from "../../mariadb/transaction.js";
import { readTickets } from "./tables.js";

/** One row per ticket sold, no constraint and no index: the count is all there is. */
const tickets: Table = {
  name: "tickets",
  ddl: "CREATE TABLE tickets (flight varchar(20) NOT NULL, passenger varchar(20) NOT NULL) ENGINE=InnoDB",
};

/**
 * Naive count-then-insert at READ COMMITTED: read the flight's tickets, let the Flight decide
 * against its seats, insert or delete a ticket. Two bookings for the last seat both count it free.
 */
export const naiveFlightBookingOnMariadb = defineImplementation<
  FlightBookingConfig,
  FlightBookingCommand,
  FlightBookingOutcome,
  FlightBookingSnapshot,
  MariadbEnvironment
>({
  family: "flight-booking",
  name: "mariadb-flight-naive",
  design: "naive count-then-insert, READ COMMITTED",
  backend: "mariadb",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, [tickets]);
    return {
      execute: (command) =>
        inTransaction(pool, "READ COMMITTED", async (connection) => {
          const { flight, passenger } = command;
          const rows = await rowsOf<{ passenger: string }>(connection, "SELECT passenger FROM tickets WHERE flight = ?", [flight]);
          const decision = decideBooking(command, { passengers: rows.map((row) => row.passenger) }, config.capacities[flight] ?? 0);
          if (decision.outcome === "booked") await connection.query("INSERT INTO tickets (flight, passenger) VALUES (?, ?)", [flight, passenger]);
          if (decision.outcome === "cancelled") await connection.query("DELETE FROM tickets WHERE flight = ? AND passenger = ?", [flight, passenger]);
          return decision.outcome;
        }),
      snapshot: () => readTickets(direct),
    };
  },
});
