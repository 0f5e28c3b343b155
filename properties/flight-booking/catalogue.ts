import { type CatalogueEntry, correct, racy, twoCommandsOnePreemption } from "../catalogue-entry.js";
import { conditionalCounterFlightBooking } from "../../implementations/flight-booking/postgres/conditional-counter.js";
import { naiveFlightBooking } from "../../implementations/flight-booking/memory/naive.js";
import { naiveFlightBookingOnPostgres } from "../../implementations/flight-booking/postgres/naive.js";
import { versionedFlightBooking } from "../../implementations/flight-booking/memory/versioned-flight.js";
import { conditionalCounterFlightBookingOnMariadb } from "../../implementations/flight-booking/mariadb/conditional-counter.js";
import { naiveFlightBookingOnMariadb } from "../../implementations/flight-booking/mariadb/naive.js";

/** The flight-booking designs of the catalogue and the verdicts they must get. */
export const flightBookingCatalogue: ReadonlyArray<CatalogueEntry> = [
  {
    implementation: naiveFlightBooking,
    expected: racy,
    minimal: twoCommandsOnePreemption,
    because: "two bookings count the same free seat before either inserts its ticket",
  },
  { implementation: versionedFlightBooking, expected: correct },
  {
    implementation: naiveFlightBookingOnPostgres,
    expected: racy,
    minimal: twoCommandsOnePreemption,
    because: "two bookings count the same free seat before either inserts its ticket",
  },
  { implementation: conditionalCounterFlightBooking, expected: correct },
  {
    implementation: naiveFlightBookingOnMariadb,
    expected: racy,
    minimal: twoCommandsOnePreemption,
    because: "two bookings count the same free seat before either inserts its ticket",
  },
  { implementation: conditionalCounterFlightBookingOnMariadb, expected: correct },
];
