import { type CatalogueEntry, correct, racy, twoCommandsOnePreemption } from "../catalogue-entry.js";
import { conditionalCounterFlightBooking } from "../../implementations/flight-booking/postgres/conditional-counter.js";
import { naiveFlightBooking } from "../../implementations/flight-booking/memory/naive.js";
import { naiveFlightBookingOnPostgres } from "../../implementations/flight-booking/postgres/naive.js";
import { versionedFlightBooking } from "../../implementations/flight-booking/memory/versioned-flight.js";

/** The flight-booking designs of the catalogue and the verdicts they must get. */
export const flightBookingCatalogue: ReadonlyArray<CatalogueEntry> = [
  { implementation: naiveFlightBooking, expected: racy, minimal: twoCommandsOnePreemption, because: "two bookings count the same free seat before either inserts its ticket" },
  { implementation: versionedFlightBooking, expected: correct },
  { implementation: naiveFlightBookingOnPostgres, expected: racy, minimal: twoCommandsOnePreemption, because: "two bookings count the same free seat before either inserts its ticket" },
  { implementation: conditionalCounterFlightBooking, expected: correct },
];
