import type { Failure } from "../failure.js";
import { details, headline } from "../report/failure-text.js";

export { errorText } from "../blame.js";

/**
 * Why an eventually-consistent run failed: any failure of a linearizable run, or one of the claim's
 * own (`does-not-settle`, `unsettled`, `held-at-rest`, `settled-twice`, `bad-settlement`), all in
 * the one closed union of `engine/failure.ts` and rendered by `engine/report/failure-text.ts`.
 */
export type EventualFailure = Failure;

/** Thrown inside a task to end the run with a failure that names the task. */
export class EventualFault extends Error {
  constructor(readonly failure: EventualFailure) {
    super(failure.kind);
  }
}

/** One line saying what broke. */
export const eventualHeadline = headline;

/** The evidence below the headline. */
export const eventualDetails = details;

/** A failure of the claim's own, which a linearizable run cannot have: it shows no outcomes or states beside the model's. */
export const isEventual = (failure: EventualFailure): boolean =>
  ["does-not-settle", "unsettled", "held-at-rest", "settled-twice", "bad-settlement"].includes(failure.kind);
