import { match } from "ts-pattern";
import type { Invariant, ReferenceModel } from "../../engine/reference-model.js";
import { BookOutcome, CancelOutcome, FlightBookingCommand, type FlightBookingConfig, type FlightBookingOutcome, FlightBookingSnapshot } from "./types.js";

type Ticket = readonly [flight: string, passenger: string];

/** Every ticket sold, sorted so that equal states print equally. */
export interface FlightBookingState {
  readonly tickets: ReadonlyArray<Ticket>;
}

/**
 * floor(capacity × 1.1), in integers: `capacity * 1.1` in floating point is not exact. Below 10
 * seats the 10% margin rounds down to nothing.
 */
export const overbookingLimit = (capacity: number): number => Math.floor((capacity * 11) / 10);

const limitOf = (config: FlightBookingConfig, flight: string): number => overbookingLimit(config.capacities[flight] ?? 0);

const sorted = (tickets: ReadonlyArray<Ticket>): ReadonlyArray<Ticket> =>
  [...tickets].sort(([f1, p1], [f2, p2]) => (f1 === f2 ? (p1 < p2 ? -1 : p1 > p2 ? 1 : 0) : f1 < f2 ? -1 : 1));

const holds = (state: FlightBookingState, flight: string, passenger: string): boolean => state.tickets.some(([f, p]) => f === flight && p === passenger);

const book = (state: FlightBookingState, flight: string, passenger: string, config: FlightBookingConfig) => {
  const outcome: BookOutcome = holds(state, flight, passenger)
    ? "already-booked"
    : state.tickets.filter(([f]) => f === flight).length >= limitOf(config, flight)
      ? "sold-out"
      : "booked";
  return { outcome, state: outcome === "booked" ? { tickets: sorted([...state.tickets, [flight, passenger]]) } : state };
};

const cancel = (state: FlightBookingState, flight: string, passenger: string) =>
  holds(state, flight, passenger)
    ? { outcome: "cancelled" as const, state: { tickets: state.tickets.filter(([f, p]) => !(f === flight && p === passenger)) } }
    : { outcome: "not-booked" as const, state };

/** How many tickets share each key, as `[a ticket with that key, count]`. */
const countBy = (tickets: ReadonlyArray<Ticket>, key: (ticket: Ticket) => string): ReadonlyArray<readonly [Ticket, number]> => {
  const counts = new Map<string, readonly [Ticket, number]>();
  for (const ticket of tickets) counts.set(key(ticket), [ticket, (counts.get(key(ticket))?.[1] ?? 0) + 1]);
  return [...counts.values()];
};

const invariants: ReadonlyArray<Invariant<FlightBookingConfig, FlightBookingSnapshot>> = [
  {
    name: "overbooking limit",
    when: "always",
    violations: (snapshot, config) =>
      countBy(snapshot.tickets, ([flight]) => flight)
        .filter(([[flight], count]) => count > limitOf(config, flight))
        .map(([[flight], count]) => `flight ${flight} sold ${count} tickets (capacity ${config.capacities[flight] ?? 0}, limit ${limitOf(config, flight)})`),
  },
  {
    name: "one ticket per passenger and flight",
    when: "always",
    violations: (snapshot) =>
      countBy(snapshot.tickets, ([flight, passenger]) => `${flight} ${passenger}`)
        .filter(([, count]) => count > 1)
        .map(([[flight, passenger], count]) => `passenger ${passenger} holds ${count} tickets for flight ${flight}`),
  },
];

export const flightBookingModel: ReferenceModel<FlightBookingConfig, FlightBookingState, FlightBookingCommand, FlightBookingOutcome, FlightBookingSnapshot> = {
  family: "flight-booking",
  command: FlightBookingCommand,
  outcomeOf: (command) => (command._tag === "book" ? BookOutcome : CancelOutcome),
  snapshot: FlightBookingSnapshot,
  normalize: (snapshot) => ({ tickets: sorted(snapshot.tickets) }),
  initial: () => ({ tickets: [] }),
  step: (state, command, config) =>
    match(command)
      .with({ _tag: "book" }, ({ flight, passenger }) => book(state, flight, passenger, config))
      .with({ _tag: "cancel" }, ({ flight, passenger }) => cancel(state, flight, passenger))
      .exhaustive(),
  observe: (state) => state,
  invariants,
  describe: (command) => `${command._tag}(${command.flight}, ${command.passenger})`,
};
