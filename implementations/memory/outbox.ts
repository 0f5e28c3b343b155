import type { MessagePort } from "../../engine/eventual/port.js";
import type { Write } from "./table.js";

/**
 * An outbox row, written in the same unit of work as the aggregates: the message is published if
 * and only if the commit succeeds. Checking it never conflicts.
 */
export const outbox = <Outcome, Topics, Topic extends keyof Topics & string>(
  messages: MessagePort<Outcome, Topics>,
  topic: Topic,
  payload: Topics[Topic],
): Write => ({
  label: `outbox ${topic}`,
  conflicts: () => false,
  apply: () => messages.publish(topic, payload),
  access: { writes: ["outbox"] },
});

/** The request's final outcome, reported in the same unit of work as the process's last change. */
export const settlement = <Outcome, Topics>(messages: MessagePort<Outcome, Topics>, request: string, outcome: Outcome): Write => ({
  label: `settle ${request} ${String(outcome)}`,
  conflicts: () => false,
  apply: () => messages.settle(request, outcome),
  access: { writes: ["outcomes"] },
});
