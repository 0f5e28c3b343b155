import type { DesignHeader } from "../implementation.js";

/** A message as a handler receives it: `id` is the same on every delivery of it (redelivery, duplicate). */
export interface Delivery<Payload = unknown> {
  /** `m1`, `m2`… in the order the run published them: idempotent handlers remember these. */
  readonly id: string;
  readonly topic: string;
  readonly payload: Payload;
}

/** What one participant of a process does on each topic it subscribes to. */
export type Handlers<Topics> = { readonly [Topic in keyof Topics]?: (message: Delivery<Topics[Topic]>) => Promise<unknown> };

/**
 * The message port an eventually-consistent design talks through; the harness owns it. Delivering a
 * message to a handler is a decision of the engine, like releasing a parked task, so deliveries are
 * reordered, duplicated and crashed under the harness's control and replayed exactly.
 *
 * `Topics` maps each topic to its payload. Delivery is at least once: a handler may see a message
 * again after a crash, or twice under the duplicate-delivery fault.
 */
export interface MessagePort<Outcome, Topics = Record<string, unknown>> {
  /**
   * Adds a message to the outbox of the step whose action calls it: it is published if and only if
   * that action completes, atomically with it (the transactional outbox). Call it inside a step's
   * action, e.g. as one write of a unit of work.
   */
  readonly publish: <Topic extends keyof Topics & string>(topic: Topic, payload: Topics[Topic]) => void;
  /**
   * Publishes as an await point of its own, after whatever the caller committed before: not in the
   * same transaction, so a crash between the commit and this send loses the message.
   */
  readonly send: <Topic extends keyof Topics & string>(topic: Topic, payload: Topics[Topic]) => Promise<void>;
  /**
   * Registers a participant (`group`, `user`): a lane of its own in timelines, with a handler per
   * topic. Register every participant in `create`, before the first request.
   */
  readonly subscribe: (participant: string, handlers: Handlers<Topics>) => void;
  /**
   * A timeout or a retry: delivers the message once `afterSteps` more steps of the run have been
   * taken (logical time; no real timer). Like `publish`, atomic with the calling step's action.
   */
  readonly schedule: <Topic extends keyof Topics & string>(topic: Topic, payload: Topics[Topic], afterSteps: number) => void;
  /**
   * Reports a request's final outcome, exactly once per request. Like `publish`, atomic with the
   * calling step's action: call it where the process commits its last change.
   */
  readonly settle: (request: string, outcome: Outcome) => void;
}

/**
 * What an eventually-consistent design reports as its state: the family's snapshot (`state`, the
 * confirmed facts the invariants are checked on) and what it holds in flight, in words (`slot on g1
 * held for u1 (r2)`, `40 in transit from a1 to a2`). At rest `inFlight` must be empty.
 */
export interface EventualSnapshot<Snapshot> {
  readonly state: Snapshot;
  readonly inFlight: ReadonlyArray<string>;
}

/** One live copy of an eventually-consistent design, created fresh for every run. */
export interface EventualInstance<Command, Snapshot> {
  /**
   * Accepts request `request` (`r1`, `r2`…): resolves once it is accepted (`requested`); its final
   * outcome is reported later through {@link MessagePort.settle}. Every await point goes through `step`.
   */
  readonly request: (command: Command, request: string) => Promise<void>;
  /** The state as stored, read out of band (no await points). */
  readonly snapshot: () => EventualSnapshot<Snapshot> | Promise<EventualSnapshot<Snapshot>>;
  readonly dispose?: () => void | Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each design types its own topics, see defineEventualImplementation
type AnyTopics = any;

/** Creates a fresh instance of a design for one run, from the config, the port typed by `Topics`, and what its backend lends. */
type CreateInstance<Config, Command, Outcome, Snapshot, Topics, Environment> = (
  context: {
    readonly config: Config;
    readonly messages: MessagePort<Outcome, Topics>;
  } & Environment,
) => EventualInstance<Command, Snapshot> | Promise<EventualInstance<Command, Snapshot>>;

/**
 * A design with claim `eventually-consistent`: its commands are requests, settled through the port.
 * `Environment` is what its backend lends every run besides the port (for PostgreSQL, the gated pools).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- in-memory designs need nothing from a backend
export interface EventualImplementation<Config, Command, Outcome, Snapshot, Environment extends object = {}> extends DesignHeader {
  readonly family: string;
  readonly claim: "eventually-consistent";
  /**
   * The invariants (by the model's names) the design keeps at every moment, checked at every
   * decision; the others are checked at rest only.
   */
  readonly keeps: ReadonlyArray<string>;
  /** The commands it accepts, by their `_tag` (`register`, `unregister`); default: every command of its family. */
  readonly handles?: ReadonlyArray<string>;
  readonly create: CreateInstance<Config, Command, Outcome, Snapshot, AnyTopics, Environment>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a catalogue holds designs of every family and backend
export type AnyEventualImplementation = EventualImplementation<any, any, any, any, any>;

/** What a design writes: its `create` sees the port typed with its own topics. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- see EventualImplementation
export interface EventualDesign<Config, Command, Outcome, Snapshot, Topics, Environment extends object = {}> extends Omit<
  EventualImplementation<Config, Command, Outcome, Snapshot, Environment>,
  "create" | "claim"
> {
  readonly create: CreateInstance<Config, Command, Outcome, Snapshot, Topics, Environment>;
}

/** Gives a design's object literal its type, with the port typed by the design's own topics. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- see EventualImplementation
export const defineEventualImplementation = <Config, Command, Outcome, Snapshot, Topics, Environment extends object = {}>(
  design: EventualDesign<Config, Command, Outcome, Snapshot, Topics, Environment>,
): EventualImplementation<Config, Command, Outcome, Snapshot, Environment> => ({ ...design, claim: "eventually-consistent" });

/** Whether a design accepts `command`: every command when it names none (`handles`), else those whose `_tag` it names. */
export const handlesCommand = (implementation: Pick<AnyEventualImplementation, "handles">, command: unknown): boolean =>
  implementation.handles === undefined ||
  (typeof command === "object" && command !== null && "_tag" in command && implementation.handles.includes(String(command._tag)));
