import { overbookingLimit } from "../../model/flight-booking/model.js";
import type { FlightBookingCommand, FlightBookingConfig } from "../../model/flight-booking/types.js";

/**
 * The flight the domain books: the one with the fewest places left under its limit after the
 * scenario's starting bookings, among those with a place left (a race needs two bookings that both
 * see room), fewest seats first. f1 (one seat, empty) in flight-booking; f10 (10 of 11) in
 * overbooking-margin, where f5 and f20 start full.
 */
const nearestLimit = (config: FlightBookingConfig, start: ReadonlyArray<FlightBookingCommand>): string | undefined => {
  const booked = (flight: string) => start.filter((command) => command.flight === flight).reduce((sum, command) => sum + (command._tag === "book" ? 1 : -1), 0);
  const left = Object.entries(config.capacities).map(([flight, capacity]) => ({ flight, capacity, left: overbookingLimit(capacity) - booked(flight) }));
  const open = left.filter((entry) => entry.left > 0).sort((a, b) => a.left - b.left || a.capacity - b.capacity);
  return (open[0] ?? left.sort((a, b) => a.capacity - b.capacity)[0])?.flight;
};

/**
 * The proof domain of the flight-booking family: `book` and `cancel` by the first two passengers on
 * the flight nearest its limit ({@link nearestLimit}), plus a booking by a third passenger when there
 * is one (5 commands). Pairs cover two bookings of the last place, one passenger booking twice, and
 * a cancellation racing a booking; triples cover three passengers racing for one place, or two after
 * a booking. Not covered: the other flights, and a flight two or more places short of its limit.
 */
export const flightBookingProofCommands = (
  config: FlightBookingConfig,
  start: ReadonlyArray<FlightBookingCommand> = [],
): ReadonlyArray<FlightBookingCommand> => {
  const flight = nearestLimit(config, start);
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

/** What a flight-booking proof leaves out, for the verdict line. */
export const flightBookingProofGaps = (_config: FlightBookingConfig): string => "the other flights (their limits are not reached), passengers beyond the third";
