import { slotSagaDesignOnPostgres } from "./slot-saga.js";

/**
 * The seeds' DetaineeAllocated case on PostgreSQL: the cell commits a reserved slot, the detainee
 * refuses, and nobody releases the slot: the cell row keeps it for a request that is over.
 */
export const sagaWithoutCompensationOnPostgres = slotSagaDesignOnPostgres({
  name: "pg-saga-without-compensation",
  design: "saga without compensation",
  flaw: "compensation",
});
