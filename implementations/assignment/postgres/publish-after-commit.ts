import { slotSagaDesignOnPostgres } from "./slot-saga.js";

/**
 * The container commits the reservation, then sends "slot reserved" straight to the broker, not
 * through the outbox: a crash between the COMMIT and the send loses the message, and the message id
 * the transaction recorded stops the redelivered request from trying again. Correct without that crash.
 */
export const publishAfterCommitOnPostgres = slotSagaDesignOnPostgres({ name: "pg-publish-after-commit", design: "publish after commit", flaw: "outbox" });
