import { expect, test } from "vitest";
import { conditionalCounterFlightBooking } from "../../implementations/flight-booking/postgres/conditional-counter.js";
import { flightBooking } from "../../model/flight-booking/scenarios.js";
import type { FlightBookingCommand } from "../../model/flight-booking/types.js";
import { verifyCatalogue } from "../support/catalogue-matrix.js";
import { underEverySchedule } from "./every-schedule.js";
import { sessionLanes } from "./support.js";

const inLane = await sessionLanes(2);

verifyCatalogue("flight-booking", "postgres", inLane);

const book = (flight: string, passenger: string): FlightBookingCommand => ({ _tag: "book", flight, passenger });

test("the conditional counter sells f1's last seat once under every schedule, and rolls the other ticket back", async () => {
  // f1 has one seat: p2 and p3 race for the seat p1 gave back.
  const race = { prefix: [book("f1", "p1"), { _tag: "cancel", flight: "f1", passenger: "p1" }], branches: [[book("f1", "p2")], [book("f1", "p3")]] };
  const results = await underEverySchedule(inLane, flightBooking, conditionalCounterFlightBooking, race);
  for (const { failure, outcomes } of results) {
    expect(failure).toBeUndefined();
    expect([...outcomes].sort()).toEqual(["booked", "sold-out"]);
  }
  // Some schedules make the second counter update wait for the first booking's commit, and then find no seat.
  expect(results.some(({ waited }) => waited)).toBe(true);
});
