import type { FlightBookingCommand, FlightBookingConfig } from "../../model/flight-booking/types.js";

/**
 * The proof domain of the flight-booking family: `book` and `cancel` by the first two passengers on
 * the flight with the fewest seats (f1, one seat, in the flight-booking scenario), plus a
 * booking by a third passenger when there is one (5 commands). Pairs cover two bookings of the last
 * seat, one passenger booking twice, and a cancellation racing a booking; triples cover three
 * passengers racing for one seat, or two after a booking. Not covered: a second flight, and a limit above two, which three
 * concurrent bookings cannot exceed.
 */
export const flightBookingProofCommands = (config: FlightBookingConfig): ReadonlyArray<FlightBookingCommand> => {
  const flight = Object.entries(config.capacities).sort(([, a], [, b]) => a - b)[0]?.[0];
  const [first, second, third] = config.passengers;
  if (flight === undefined || first === undefined || second === undefined) throw new Error("the flight-booking proof domain needs a flight and two passengers");
  return [
    { _tag: "book", flight, passenger: first },
    { _tag: "book", flight, passenger: second },
    ...(third === undefined ? [] : [{ _tag: "book" as const, flight, passenger: third }]),
    { _tag: "cancel", flight, passenger: first },
    { _tag: "cancel", flight, passenger: second },
  ];
};
