import { Schema } from "effect";
import type { Implementation } from "../../engine/implementation.js";

/**
 * Family D, capacity with overbooking: a flight may be sold at most 10% over its seats. Shared
 * with implementations; the rules live in `model.ts`.
 */

export const Book = Schema.TaggedStruct("book", { flight: Schema.String, passenger: Schema.String });
export const Cancel = Schema.TaggedStruct("cancel", { flight: Schema.String, passenger: Schema.String });
export const FlightBookingCommand = Schema.Union([Book, Cancel]);
export type FlightBookingCommand = typeof FlightBookingCommand.Type;

/** Listed in order of precedence: when several failures apply, the first one listed wins. */
export const BookOutcome = Schema.Literals(["booked", "already-booked", "sold-out"]);
export const CancelOutcome = Schema.Literals(["cancelled", "not-booked"]);
export type BookOutcome = typeof BookOutcome.Type;
export type CancelOutcome = typeof CancelOutcome.Type;
export type FlightBookingOutcome = BookOutcome | CancelOutcome;

/** Every ticket as `[flight, passenger]`; a list, so that a passenger's second ticket shows. */
export const FlightBookingSnapshot = Schema.Struct({ tickets: Schema.Array(Schema.Tuple([Schema.String, Schema.String])) });
export type FlightBookingSnapshot = typeof FlightBookingSnapshot.Type;

export interface FlightBookingConfig {
  /** Seats per flight; also the flight ids that generated commands use. A flight not listed has none. */
  readonly capacities: Readonly<Record<string, number>>;
  /** The passenger ids that generated commands use. */
  readonly passengers: ReadonlyArray<string>;
}

export type FlightBookingImplementation = Implementation<FlightBookingConfig, FlightBookingCommand, FlightBookingOutcome, FlightBookingSnapshot>;
