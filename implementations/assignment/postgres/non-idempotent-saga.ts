import { slotSagaDesignOnPostgres } from "./slot-saga.js";

/**
 * The container's handler records no processed message ids: a join request delivered twice
 * reserves a second slot, and its saga runs twice.
 */
export const nonIdempotentSagaOnPostgres = slotSagaDesignOnPostgres({
  name: "pg-non-idempotent-saga",
  design: "saga with a non-idempotent handler",
  flaw: "idempotence",
});
