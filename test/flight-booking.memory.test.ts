import { describe, expect, test } from "vitest";
import { preemptionSource } from "../engine/schedule/preemptions.js";
import { execute } from "../engine/execute.js";
import { naiveFlightBooking } from "../implementations/flight-booking/memory/naive.js";
import { versionedFlightBooking } from "../implementations/flight-booking/memory/versioned-flight.js";
import { flightBookingModel, overbookingLimit } from "../model/flight-booking/model.js";
import { flightBooking } from "../model/flight-booking/scenarios.js";
import type { FlightBookingCommand, FlightBookingConfig, FlightBookingOutcome } from "../model/flight-booking/types.js";
import { inMemory, verifyCatalogue } from "./support/catalogue-matrix.js";

verifyCatalogue("flight-booking", "memory", inMemory);

const book = (flight: string, passenger: string): FlightBookingCommand => ({ _tag: "book", flight, passenger });
const cancel = (flight: string, passenger: string): FlightBookingCommand => ({ _tag: "cancel", flight, passenger });
/** A plane big enough for the 10% margin to show, which the race scenario's small planes cannot. */
const config: FlightBookingConfig = { capacities: { f10: 10, f1: 1 }, passengers: [] };

const run = (commands: ReadonlyArray<FlightBookingCommand>) => {
  let state = flightBookingModel.initial(config);
  const outcomes: FlightBookingOutcome[] = [];
  for (const command of commands) {
    const next = flightBookingModel.step(state, command, config);
    outcomes.push(next.outcome);
    state = next.state;
  }
  return { outcomes, tickets: flightBookingModel.observe(state).tickets };
};

describe("flight-booking model", () => {
  test("the limit is floor(capacity × 1.1), computed exactly", () => {
    expect([1, 2, 9, 10, 19, 20, 30, 50, 100].map(overbookingLimit)).toEqual([1, 2, 9, 11, 20, 22, 33, 55, 110]);
  });

  test("a flight of 10 seats sells 11 tickets, then is sold out", () => {
    const passengers = Array.from({ length: 12 }, (_, index) => `p${index + 1}`);
    const { outcomes } = run(passengers.map((passenger) => book("f10", passenger)));
    expect(outcomes).toEqual([...Array<FlightBookingOutcome>(11).fill("booked"), "sold-out"]);
  });

  test("already-booked wins over sold-out, and a cancellation frees the seat", () => {
    const { outcomes, tickets } = run([book("f1", "p1"), book("f1", "p1"), book("f1", "p2"), cancel("f1", "p2"), cancel("f1", "p1"), book("f1", "p2")]);
    expect(outcomes).toEqual(["booked", "already-booked", "sold-out", "not-booked", "cancelled", "booked"]);
    expect(tickets).toEqual([["f1", "p2"]]);
  });

  test("the invariants name an overbooked flight and a passenger with two tickets", () => {
    const [limit, onePerPassenger] = flightBookingModel.invariants;
    const snapshot = {
      tickets: [
        ["f1", "p1"],
        ["f1", "p1"],
        ["f10", "p2"],
      ] as const,
    };
    expect(limit?.violations(snapshot, config)).toEqual(["flight f1 sold 2 tickets (capacity 1, limit 1)"]);
    expect(onePerPassenger?.violations(snapshot, config)).toEqual(["passenger p1 holds 2 tickets for flight f1"]);
  });
});

describe("the last seat", () => {
  // Two passengers want f1's only seat. T1 counts, then T2 runs to the end, then T1 inserts.
  const lastSeat = { prefix: [], branches: [[book("f1", "p1")], [book("f1", "p2")]] };
  const afterTheCount = () => preemptionSource([[[{ step: 1, to: 0 }]], []]);
  const options = { timeLimitMs: 1_000 };

  test("naive count-then-insert sells it twice", async () => {
    const execution = await execute(flightBooking, naiveFlightBooking, lastSeat, afterTheCount(), options);
    expect(execution.failure).toMatchObject({ kind: "invariant", invariant: "overbooking limit" });
  });

  test("the versioned Flight makes the second booking count again and find it sold out", async () => {
    const execution = await execute(flightBooking, versionedFlightBooking, lastSeat, afterTheCount(), options);
    expect(execution.failure).toBeUndefined();
    expect(execution.history.operations.map((operation) => operation.outcome).sort()).toEqual(["booked", "sold-out"]);
  });
});
