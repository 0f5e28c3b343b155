/** Why a run failed. Every variant names what and where, so a report never needs a stack trace. */
export type Failure =
  | {
      readonly kind: "invariant";
      readonly invariant: string;
      /** Where it was caught: `always` at a decision point with commands in flight, `at-rest` with none. */
      readonly when: "always" | "at-rest";
      readonly violations: ReadonlyArray<string>;
      /** Logical time of the check. */
      readonly at: number;
    }
  | {
      readonly kind: "not-linearizable";
      readonly unexplained: ReadonlyArray<{ readonly operation: number; readonly admissible: ReadonlyArray<unknown> }>;
    }
  | { readonly kind: "state-not-explained"; readonly observed: unknown; readonly expected: ReadonlyArray<unknown>; readonly at: number }
  | { readonly kind: "malformed-outcome"; readonly task: string; readonly command: string; readonly value: string; readonly message: string }
  | { readonly kind: "threw"; readonly task: string; readonly command: string | undefined; readonly message: string }
  | { readonly kind: "malformed-snapshot"; readonly value: string; readonly message: string }
  | {
      readonly kind: "hung";
      readonly limitMs: number;
      /** `state`: parked at a gate, blocked at a lock another task holds, or running (awaiting something). */
      readonly tasks: ReadonlyArray<{ readonly task: string; readonly command: string | undefined; readonly state: string; readonly label: string }>;
    }
  | {
      /** Every live task waits for a harness lock another holds: the waits-for cycle (or chain to a task that finished holding one). */
      readonly kind: "deadlock";
      readonly waits: ReadonlyArray<{ readonly task: string; readonly command: string | undefined; readonly key: string; readonly heldBy: string }>;
    }
  | {
      /** A task stayed running with nothing in flight that could wake it: it awaits something only another task settles. */
      readonly kind: "unseen-wait";
      readonly tasks: ReadonlyArray<{ readonly task: string; readonly command: string | undefined; readonly label: string }>;
    }
  // The claim `eventually-consistent`'s own (engine/eventual/):
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

/** An implementation misbehaved (rather than the model disagreeing with it). */
export const isFault = (failure: Failure): boolean =>
  failure.kind === "malformed-outcome" ||
  failure.kind === "threw" ||
  failure.kind === "malformed-snapshot" ||
  failure.kind === "hung" ||
  failure.kind === "deadlock" ||
  failure.kind === "unseen-wait";
