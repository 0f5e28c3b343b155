import type { Pool } from "pg";
import type { FlightBookingSnapshot } from "../../../model/flight-booking/types.js";

/** Every ticket as `[flight, passenger]`, in one statement. */
export const readTickets = async (direct: Pool): Promise<FlightBookingSnapshot> => {
  const { rows } = await direct.query<{ flight: string; passenger: string }>("SELECT flight, passenger FROM tickets");
  return { tickets: rows.map((row) => [row.flight, row.passenger] as const) };
};
