import type { Pool } from "mysql2";
import type { FlightBookingSnapshot } from "../../../model/flight-booking/types.js";
import { rowsOf } from "../../mariadb/transaction.js";

/** Every ticket as `[flight, passenger]`, in one statement. */
export const readTickets = async (direct: Pool): Promise<FlightBookingSnapshot> => {
  const rows = await rowsOf<{ flight: string; passenger: string }>(direct.promise(), "SELECT flight, passenger FROM tickets");
  return { tickets: rows.map((row) => [row.flight, row.passenger] as const) };
};
