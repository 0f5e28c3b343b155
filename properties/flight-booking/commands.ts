import type fc from "fast-check";
import { FlightBookingCommand, type FlightBookingConfig } from "../../model/flight-booking/types.js";
import { commandsFromSchema } from "../commands-from-schema.js";

/** Commands over the scenario's flights and passengers; bookings, where the races live, outnumber cancellations three to one. */
export const flightBookingCommands = (config: FlightBookingConfig): fc.Arbitrary<FlightBookingCommand> =>
  commandsFromSchema(FlightBookingCommand, { flight: Object.keys(config.capacities), passenger: config.passengers }, { weights: { book: 3 } });
