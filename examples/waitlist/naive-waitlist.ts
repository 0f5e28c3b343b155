// A first take on the waitlist: check the seats, then take one. Two joins for the last seat both see it free.
import type { WaitlistImplementation } from "./family.js";
import { eventRows, seatOrQueue } from "./seating.js";

export const naiveWaitlist: WaitlistImplementation = {
  family: "waitlist",
  name: "naive-waitlist",
  design: "read the event, decide, write: no concurrency control",
  backend: "memory",
  claim: "linearizable",
  create({ config }) {
    const rows = eventRows();
    return {
      execute: (command) => seatOrQueue(rows, command, config.seats),
      snapshot: rows.snapshot,
    };
  },
};
