import { match, P } from "ts-pattern";
import type { Failure } from "../failure.js";
import type { History } from "../history.js";
import { details, headline } from "../report/failure-text.js";

/**
 * Why an eventually-consistent run failed: any failure of a linearizable run (an invariant, outcomes
 * or a stored state no order explains, a fault of the design), or one of the claim's own. Every
 * variant names what and where.
 */
export type EventualFailure =
  | Failure
  /** Still busy after the settle phase's bound: the messages and timers still pending. */
  | { readonly kind: "does-not-settle"; readonly steps: number; readonly pending: ReadonlyArray<string> }
  /** Nothing left to deliver, yet these requests never got a final outcome. */
  | { readonly kind: "unsettled"; readonly requests: ReadonlyArray<string> }
  /** At rest, the design still holds something in flight (a reserved slot, money in transit). */
  | { readonly kind: "held-at-rest"; readonly held: ReadonlyArray<string> }
  /** A request's final outcome was reported twice (the user is told two things). */
  | { readonly kind: "settled-twice"; readonly request: string; readonly first: string; readonly second: string }
  /** A settlement for a request that does not exist, or with an outcome outside the command's set. */
  | { readonly kind: "bad-settlement"; readonly request: string; readonly message: string };

/** Thrown inside a task to end the run with a failure that names the task. */
export class EventualFault extends Error {
  constructor(readonly failure: EventualFailure) {
    super(failure.kind);
  }
}

/** An error's message for a failure report: reports name what broke, never print a stack. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A failure of the claim's own, which a linearizable run cannot have. */
export const isEventual = (failure: EventualFailure): failure is Exclude<EventualFailure, Failure> =>
  ["does-not-settle", "unsettled", "held-at-rest", "settled-twice", "bad-settlement"].includes(failure.kind);

/** One line saying what broke. */
export const eventualHeadline = (failure: EventualFailure): string =>
  isEventual(failure)
    ? match(failure)
        .with({ kind: "does-not-settle" }, ({ steps }) => `does not settle: still busy after ${steps} steps of the settle phase`)
        .with(
          { kind: "unsettled" },
          ({ requests }) =>
            `${requests.length === 1 ? "a request never ends" : "requests never end"}: nothing is left to deliver, but no final outcome was reported`,
        )
        .with({ kind: "held-at-rest" }, () => "does not settle clean: something is still held at rest")
        .with({ kind: "settled-twice" }, ({ request }) => `request ${request} got two final outcomes`)
        .with({ kind: "bad-settlement" }, ({ request }) => `the design settled ${request} wrongly`)
        .exhaustive()
    : headline(failure);

/** The evidence below the headline. */
export const eventualDetails = <Command, Outcome>(failure: EventualFailure, history: History<Command, Outcome>): ReadonlyArray<string> =>
  isEventual(failure)
    ? match(failure)
        .with({ kind: "does-not-settle" }, ({ pending }) => pending.map((item) => `- still pending: ${item}`))
        .with({ kind: "unsettled" }, ({ requests }) => requests.map((request) => `- ${request}: requested, never settled`))
        .with({ kind: "held-at-rest" }, ({ held }) => held.map((item) => `- ${item}`))
        .with({ kind: "settled-twice" }, ({ first, second }) => [`- first ${first}, then ${second}`])
        .with({ kind: "bad-settlement", message: P.string }, ({ message }) => [`- ${message}`])
        .exhaustive()
    : details(failure, history);
