// The same code under one lock per event: a command reads and writes the event while no other can.
import { withLocks } from "../../index.js";
import type { WaitlistImplementation } from "./family.js";
import { eventRows, seatOrQueue } from "./seating.js";

export const lockedWaitlist: WaitlistImplementation = {
  family: "waitlist",
  name: "locked-waitlist",
  design: "read the event, decide, write, holding the event's lock",
  backend: "memory",
  claim: "linearizable",
  create({ config }) {
    const rows = eventRows();
    return {
      execute: (command) => withLocks(["event"], () => seatOrQueue(rows, command, config.seats)),
      snapshot: rows.snapshot,
    };
  },
};
