import fc from "fast-check";
import { commandKinds } from "../../engine/random/command-kinds.js";
import type { FlightBookingCommand, FlightBookingConfig } from "../../model/flight-booking/types.js";

/** Commands over the scenario's flights and passengers; bookings, where the races live, outnumber cancellations three to one. */
export const flightBookingCommands = (config: FlightBookingConfig): fc.Arbitrary<FlightBookingCommand> => {
  const flight = fc.constantFrom(...Object.keys(config.capacities));
  const passenger = fc.constantFrom(...config.passengers);
  return commandKinds<FlightBookingCommand>(
    { weight: 3, arbitrary: fc.record({ _tag: fc.constant("book" as const), flight, passenger }) },
    { weight: 1, arbitrary: fc.record({ _tag: fc.constant("cancel" as const), flight, passenger }) },
  );
};
