// What both waitlist designs run: the event's rows in memory, and a check-then-act over them.
import { step } from "../../index.js";
import type { WaitlistCommand, WaitlistOutcome, WaitlistSnapshot } from "./family.js";

/** The event's rows: who holds a seat, who waits (in order). Every read and write is a step, so the harness can interleave them. */
export const eventRows = () => {
  const seated = new Set<string>();
  let waiting: string[] = [];
  const shown = (event: WaitlistSnapshot) => `seated ${event.seated.join(",") || "-"} waiting ${event.waiting.join(",") || "-"}`;
  return {
    load: () => step("load event", () => ({ seated: [...seated], waiting: [...waiting] }), shown),
    seat: (person: string) => step(`seat ${person}`, () => void seated.add(person)),
    queue: (person: string) => step(`queue ${person}`, () => void waiting.push(person)),
    unqueue: (person: string) => step(`unqueue ${person}`, () => void (waiting = waiting.filter((p) => p !== person))),
    /** Frees `person`'s seat and gives it to `next`, taken off the queue. */
    free: (person: string, next: string | undefined) =>
      step(`free ${person}'s seat${next === undefined ? "" : ` for ${next}`}`, () => {
        seated.delete(person);
        if (next === undefined) return;
        waiting = waiting.filter((p) => p !== next);
        seated.add(next);
      }),
    snapshot: (): WaitlistSnapshot => ({ seated: [...seated], waiting: [...waiting] }),
  };
};

/** Reads the event, decides from what it read, writes the change: correct alone, racy when two commands interleave. */
export const seatOrQueue = async (rows: ReturnType<typeof eventRows>, command: WaitlistCommand, seats: number): Promise<WaitlistOutcome> => {
  const { person } = command;
  const event = await rows.load();
  if (command._tag === "join") {
    if (event.seated.includes(person) || event.waiting.includes(person)) return "already-in";
    if (event.seated.length < seats) {
      await rows.seat(person);
      return "seated";
    }
    await rows.queue(person);
    return "waitlisted";
  }
  if (event.waiting.includes(person)) {
    await rows.unqueue(person);
    return "left";
  }
  if (!event.seated.includes(person)) return "not-in";
  await rows.free(person, event.waiting[0]);
  return "left";
};
