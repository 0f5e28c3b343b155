import { AsyncLocalStorage } from "node:async_hooks";
import { currentTask, show, step } from "../step.js";
import { type Fault, faultMark } from "./faults.js";
import type { Delivery, MessagePort } from "./port.js";

/** A message as the run published it. */
export interface Published {
  /** Publication order from 0; `id` is `m` and this plus one. */
  readonly index: number;
  readonly id: string;
  readonly topic: string;
  readonly payload: unknown;
}

/** One delivery of a message to one participant, waiting to be started (a decision of the engine). */
export interface PendingDelivery {
  /** Orders deliveries with the run's other choices: lower keys were created first. */
  readonly key: number;
  readonly message: Published;
  readonly participant: string;
  readonly handler: (message: Delivery) => Promise<unknown>;
  /** 1 for the first delivery; more after a crash. */
  readonly attempt: number;
  readonly duplicate: boolean;
  /** Under the reorder fault: not deliverable until a later message has been delivered. */
  heldBack: boolean;
  /** Logical time from which it may be delivered (timers); 0 for messages. */
  readonly dueAt: number;
}

/** What a running handler knows about itself, for the faults that strike it. */
export interface DeliveryContext {
  readonly delivery: PendingDelivery;
  /** Set by a `send` the crash-before-send fault targets: the handler crashes when it parks there. */
  crashAtPark: boolean;
  /** Parked at a send: that point belongs to the crash-before-send fault, not to the plain crash. */
  sending: boolean;
}

/**
 * The handler a call comes from. One store for every run: Node keeps each AsyncLocalStorage that was
 * ever entered and propagates it into every promise created afterwards, so one per run would slow
 * every later run down.
 */
const deliveries = new AsyncLocalStorage<DeliveryContext>();

/** What the bus tells the run: timeline notes, final outcomes, faults that took effect. */
export interface BusEvents {
  readonly note: (lane: string, text: string) => void;
  readonly settle: (request: string, outcome: unknown) => void;
  readonly faultApplied: (index: number) => void;
  readonly now: () => number;
  readonly nextKey: () => number;
}

type Handler = (message: Delivery) => Promise<unknown>;

/** A payload in a timeline cell: a flat record as its values (`r1 u1 g1`), anything else as JSON. */
export const showPayload = (payload: unknown): string =>
  typeof payload === "object" && payload !== null && Object.values(payload).every((value) => ["string", "number", "boolean"].includes(typeof value))
    ? Object.values(payload).join(" ")
    : show(payload);

/**
 * The harness's side of the message port: who subscribes to what, and every delivery not yet made.
 * Deliveries are started by the run loop when its decision source picks them.
 */
export class Bus {
  readonly context = deliveries;
  private readonly subscribers = new Map<string, Array<{ readonly participant: string; readonly handler: Handler }>>();
  private pending: PendingDelivery[] = [];
  private published = 0;
  private sends = 0;
  /** Every fault that could have struck this run where it did (proof mode enumerates them), by description. */
  private readonly strikable = new Map<string, Fault>();

  constructor(
    private readonly faults: ReadonlyArray<Fault>,
    private readonly events: BusEvents,
  ) {}

  /** The port handed to the design's `create`. */
  readonly port: MessagePort<unknown, Record<string, unknown>> = {
    publish: (topic, payload) => this.publish(topic, payload, 0),
    send: async (topic, payload) => {
      const context = this.context.getStore();
      if (context !== undefined) {
        const send = this.sends++;
        this.couldStrike({ kind: "crash-before-send", send });
        const fault = this.faults.findIndex((candidate) => candidate.kind === "crash-before-send" && candidate.send === send);
        if (fault >= 0) {
          context.crashAtPark = true;
          this.events.faultApplied(fault);
        }
      }
      if (context !== undefined) context.sending = true;
      try {
        await step(`send ${topic} ${showPayload(payload)}`, () => this.publish(topic, payload, 0));
      } finally {
        if (context !== undefined) context.sending = false;
      }
    },
    subscribe: (participant, handlers) => {
      for (const [topic, handler] of Object.entries(handlers)) {
        if (handler === undefined) continue;
        const list = this.subscribers.get(topic) ?? [];
        list.push({ participant, handler: handler });
        this.subscribers.set(topic, list);
      }
    },
    schedule: (topic, payload, afterSteps) => this.publish(topic, payload, this.events.now() + Math.max(0, afterSteps)),
    settle: (request, outcome) => this.events.settle(request, outcome),
  };

  /** Deliveries the engine may start now. */
  deliverable(): ReadonlyArray<PendingDelivery> {
    const now = this.events.now();
    return this.pending.filter((delivery) => !delivery.heldBack && delivery.dueAt <= now);
  }

  /** Everything not yet delivered, in words, for a run that does not settle. */
  describePending(): ReadonlyArray<string> {
    return this.pending.map(
      (delivery) =>
        `${delivery.message.id} ${delivery.message.topic} for ${delivery.participant}${delivery.dueAt > 0 ? ` (due at step ${delivery.dueAt})` : ""}`,
    );
  }

  /** Takes a delivery off the pending list; delivering a message releases the ones held back before it. */
  take(delivery: PendingDelivery): void {
    this.pending = this.pending.filter((candidate) => candidate !== delivery);
    for (const held of this.pending) {
      if (held.heldBack && held.message.index < delivery.message.index) {
        held.heldBack = false;
        this.events.note(held.participant, `${faultMark.reorder} ${held.message.id} released after ${delivery.message.id}`);
      }
    }
  }

  /** The crash fault striking the first delivery of message `index` before its await point `step`, marked as applied. */
  crashAt(index: number, step: number): number | undefined {
    this.couldStrike({ kind: "crash", message: index, step });
    const fault = this.faults.findIndex((candidate) => candidate.kind === "crash" && candidate.message === index && candidate.step === step);
    if (fault < 0) return undefined;
    this.events.faultApplied(fault);
    return fault;
  }

  /** A crashed handler's message goes back on the list: delivery is at least once. */
  redeliver(delivery: PendingDelivery): void {
    this.pending.push({ ...delivery, key: this.events.nextKey(), attempt: delivery.attempt + 1, duplicate: false, heldBack: false, dueAt: 0 });
  }

  /**
   * With nothing deliverable: lets held-back messages go (no later message will come to pass them)
   * or moves logical time to the next timer. False when there is nothing left to wait for.
   */
  unblock(advanceTo: (time: number) => void): boolean {
    const held = this.pending.filter((delivery) => delivery.heldBack);
    if (held.length > 0) {
      for (const delivery of held) delivery.heldBack = false;
      return true;
    }
    const due = this.pending.map((delivery) => delivery.dueAt);
    if (due.length === 0) return false;
    advanceTo(Math.min(...due));
    return true;
  }

  /** The faults that could have struck where this run went: a run with one of them is this run up to that point. */
  placements(): ReadonlyArray<Fault> {
    return [...this.strikable.values()];
  }

  private couldStrike(fault: Fault): void {
    this.strikable.set(JSON.stringify(fault), fault);
  }

  private publish(topic: string, payload: unknown, dueAt: number): void {
    const index = this.published++;
    const message: Published = { index, id: `m${index + 1}`, topic, payload };
    const lane = currentTask() ?? "setup";
    this.events.note(lane, `⇢ ${message.id} ${topic} ${showPayload(payload)}${dueAt > 0 ? ` at step ${dueAt}` : ""}`);
    const twice = this.faults.findIndex((fault) => fault.kind === "duplicate" && fault.message === index);
    const late = this.faults.findIndex((fault) => fault.kind === "reorder" && fault.message === index);
    const subscribers = this.subscribers.get(topic) ?? [];
    if (subscribers.length === 0) this.events.note(lane, `${message.id} has no subscriber`);
    else for (const kind of ["duplicate", "reorder"] as const) this.couldStrike({ kind, message: index });
    for (const { participant, handler } of subscribers) {
      const delivery = (duplicate: boolean): PendingDelivery => ({
        key: this.events.nextKey(),
        message,
        participant,
        handler,
        attempt: 1,
        duplicate,
        heldBack: late >= 0,
        dueAt,
      });
      this.pending.push(delivery(false));
      if (twice >= 0) this.pending.push(delivery(true));
    }
    if (subscribers.length > 0 && twice >= 0) {
      this.events.faultApplied(twice);
      this.events.note(lane, `${faultMark.duplicate} ${message.id} will be delivered twice`);
    }
    if (subscribers.length > 0 && late >= 0) {
      this.events.faultApplied(late);
      this.events.note(lane, `${faultMark.reorder} ${message.id} held back until a later message is delivered`);
    }
  }
}
