import { errorText } from "../blame.js";
import type { Delivery, MessagePort } from "../eventual/port.js";

type Handler = (message: Delivery) => Promise<unknown>;

/**
 * The message port of a cost measurement: no engine decides anything, and every message is handed to
 * its subscribers on a later turn of the event loop, as fast as a broker would push it, while the
 * requests and the other deliveries run concurrently. A timer the design schedules (`schedule`) fires
 * after that many turns: there is no logical clock to count steps against. A handler that throws
 * ends the measurement: a real broker would redeliver, but no correct design throws here, and a
 * throw hidden behind a redelivery would make a broken design look merely slow.
 */
export class FreePort {
  private readonly subscribers = new Map<string, Handler[]>();
  private readonly waiting = new Map<string, { readonly resolve: (outcome: unknown) => void; readonly reject: (error: Error) => void }>();
  private published = 0;
  private deliveries = 0;
  private broken: Error | undefined;
  private readonly idle: Array<() => void> = [];

  readonly port: MessagePort<unknown, Record<string, unknown>> = {
    publish: (topic, payload) => this.publish(topic, payload, 0),
    send: async (topic, payload) => this.publish(topic, payload, 0),
    subscribe: (participant, handlers) => {
      for (const [topic, handler] of Object.entries(handlers))
        if (handler !== undefined) this.subscribers.set(topic, [...(this.subscribers.get(topic) ?? []), handler]);
    },
    schedule: (topic, payload, afterSteps) => this.publish(topic, payload, Math.max(0, afterSteps)),
    settle: (request, outcome) => {
      const waiting = this.waiting.get(request);
      // A second outcome for a request breaks the port's contract: reported, not ignored.
      if (waiting === undefined)
        return this.fail(new Error(`settle(${request}) was called for a request that is not waiting for its outcome (settled twice?)`));
      this.waiting.delete(request);
      waiting.resolve(outcome);
    },
  };

  /** Resolves with `request`'s final outcome once the design settles it; call it before sending the request. */
  outcome(request: string): Promise<unknown> {
    if (this.broken !== undefined) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => this.waiting.set(request, { resolve, reject }));
  }

  /** Resolves once no delivery is waiting or running (what a request left behind after its outcome). */
  drained(): Promise<void> {
    if (this.deliveries === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private publish(topic: string, payload: unknown, turns: number): void {
    const message: Delivery = { id: `m${++this.published}`, topic, payload };
    for (const handler of this.subscribers.get(topic) ?? []) {
      this.deliveries++;
      afterTurns(turns + 1, () => {
        handler(message)
          .catch((error: unknown) => this.fail(new Error(`the handler of ${topic} (${message.id}) threw: ${errorText(error)}`)))
          .finally(() => {
            if (--this.deliveries === 0) for (const resolve of this.idle.splice(0)) resolve();
          });
      });
    }
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}

const afterTurns = (turns: number, then: () => void): void => {
  setImmediate(() => (turns <= 1 ? then() : afterTurns(turns - 1, then)));
};
