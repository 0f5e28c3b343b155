import fc from "fast-check";
import { match } from "ts-pattern";

/**
 * A fault the harness injects, as data: generated with the case and shrunk with it (fast-check
 * removes faults first, as it removes preemption points). Messages are named by the order the run
 * published them (0: the first, `m1` in timelines); a fault whose message never exists does nothing.
 */
export type Fault =
  /** At-least-once delivery: every subscriber receives the message twice. */
  | { readonly kind: "duplicate"; readonly message: number }
  /** The message is held back until a message published after it has been delivered. */
  | { readonly kind: "reorder"; readonly message: number }
  /**
   * The handler of the message's first delivery crashes before its await point `step` (from 1): its
   * uncommitted work is lost and the message is delivered again. A send is not such a point: a crash
   * there is the crash-before-send fault's.
   */
  | { readonly kind: "crash"; readonly message: number; readonly step: number }
  /** The handler making the run's `send` number `send` (from 0) crashes between its commit and that send; the message it was handling is delivered again. */
  | { readonly kind: "crash-before-send"; readonly send: number };

export type FaultKind = Fault["kind"];

/** How a fault is marked in timelines and counterexamples. */
export const faultMark: Readonly<Record<FaultKind, string>> = { duplicate: "⧉", reorder: "↯", crash: "✖", "crash-before-send": "✂" };

/** One line per fault, for the counterexample's list of faults. */
export const describeFault = (fault: Fault): string =>
  match(fault)
    .with({ kind: "duplicate" }, ({ message }) => `${faultMark.duplicate} m${message + 1} delivered twice`)
    .with({ kind: "reorder" }, ({ message }) => `${faultMark.reorder} m${message + 1} delivered after a later message`)
    .with(
      { kind: "crash" },
      ({ message, step }) => `${faultMark.crash} the handler of m${message + 1} crashes before its await point ${step}, then m${message + 1} is redelivered`,
    )
    .with({ kind: "crash-before-send" }, ({ send }) => `${faultMark["crash-before-send"]} a handler crashes between its commit and send number ${send + 1}`)
    .exhaustive();

const message = fc.nat({ max: 5 });

/** Up to two faults per case; fast-check shrinks the list towards none. */
export const faultsArbitrary: fc.Arbitrary<ReadonlyArray<Fault>> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant("duplicate" as const), message }),
    fc.record({ kind: fc.constant("reorder" as const), message }),
    fc.record({ kind: fc.constant("crash" as const), message, step: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constant("crash-before-send" as const), send: fc.nat({ max: 3 }) }),
  ),
  { maxLength: 2 },
);
