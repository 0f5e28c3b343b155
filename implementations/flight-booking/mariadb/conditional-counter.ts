import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { FlightBookingCommand, FlightBookingConfig, FlightBookingOutcome, FlightBookingSnapshot } from "../../../model/flight-booking/types.js";
import { ticketLimit } from "../flight.js";
import { resetTables, type Table } from "../../mariadb/tables.js";
import { affected, inTransaction, retryTransaction } from "../../mariadb/transaction.js";
import { readTickets } from "./tables.js";

/** Each flight counts its tickets against its overbooking limit; a passenger holds one ticket per flight. */
const tables: ReadonlyArray<Table> = [
  { name: "flights", ddl: "CREATE TABLE flights (id varchar(20) PRIMARY KEY, ticket_limit int NOT NULL, sold int NOT NULL DEFAULT 0) ENGINE=InnoDB" },
  { name: "tickets", ddl: "CREATE TABLE tickets (flight varchar(20) NOT NULL, passenger varchar(20) NOT NULL, PRIMARY KEY (flight, passenger)) ENGINE=InnoDB" },
];

/** Thrown to roll the ticket back when the counter refuses it. */
class SoldOut extends Error {}

/**
 * A conditional counter plus a unique ticket: a booking inserts the ticket (`INSERT IGNORE`: none
 * inserted means `already-booked`, which takes precedence), then takes a seat with `sold = sold + 1
 * WHERE sold < ticket_limit`, one statement that checks and counts on the latest committed row
 * under its lock, at any isolation level. No seat: the transaction rolls back, ticket and all.
 */
export const conditionalCounterFlightBookingOnMariadb = defineImplementation<
  FlightBookingConfig,
  FlightBookingCommand,
  FlightBookingOutcome,
  FlightBookingSnapshot,
  MariadbEnvironment
>({
  family: "flight-booking",
  name: "mariadb-flight-conditional-counter",
  design: "conditional counter update plus unique ticket",
  backend: "mariadb",
  claim: "linearizable",
  async create({ config, pool, direct }) {
    await resetTables(direct, tables);
    // A flight outside the configuration has no row, hence no seat: the model's capacity 0.
    const flights = Object.entries(config.capacities).map(([id, seats]) => [id, ticketLimit(seats)]);
    if (flights.length > 0) await direct.promise().query("INSERT INTO flights (id, ticket_limit) VALUES ?", [flights]);
    const book = (flight: string, passenger: string): Promise<FlightBookingOutcome> =>
      inTransaction(pool, undefined, async (connection) => {
        if ((await affected(connection, "INSERT IGNORE INTO tickets (flight, passenger) VALUES (?, ?)", [flight, passenger])) === 0) return "already-booked";
        if ((await affected(connection, "UPDATE flights SET sold = sold + 1 WHERE id = ? AND sold < ticket_limit", [flight])) === 0) throw new SoldOut();
        return "booked";
      }).catch((error: unknown) => {
        if (error instanceof SoldOut) return "sold-out";
        throw error;
      });
    const cancel = (flight: string, passenger: string): Promise<FlightBookingOutcome> =>
      inTransaction(pool, undefined, async (connection) => {
        if ((await affected(connection, "DELETE FROM tickets WHERE flight = ? AND passenger = ?", [flight, passenger])) === 0) return "not-booked";
        await connection.query("UPDATE flights SET sold = sold - 1 WHERE id = ?", [flight]);
        return "cancelled";
      });
    return {
      // InnoDB's duplicate checks and DELETE of a missing key take next-key locks that can deadlock: run again.
      execute: ({ _tag, flight, passenger }) => retryTransaction(() => (_tag === "book" ? book(flight, passenger) : cancel(flight, passenger))),
      snapshot: () => readTickets(direct),
    };
  },
});
