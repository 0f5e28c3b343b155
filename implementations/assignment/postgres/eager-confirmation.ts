import { slotSagaDesignOnPostgres } from "./slot-saga.js";

/**
 * The member commits the join, then checks its limit in a second transaction and leaves again if it
 * is over: between the two commits the member row holds one container too many.
 */
export const eagerConfirmationOnPostgres = slotSagaDesignOnPostgres({
  name: "pg-eager-confirmation",
  design: "eager confirmation",
  flaw: "checked-confirmation",
});
