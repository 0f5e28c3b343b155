import { slotSagaDesignOnPostgres } from "./slot-saga.js";

/**
 * Reserve a slot on the container, then on the member; confirm both or release the first. Each
 * handler locks one aggregate row and commits it with its outbox rows and the id of the message it
 * handled; a handler that crashes loses its connection and its transaction, and the message comes
 * again. Both limits hold on confirmed pairs at every moment.
 */
export const slotReservationSagaOnPostgres = slotSagaDesignOnPostgres({ name: "pg-slot-reservation-saga", design: "slot-reservation saga", flaw: "none" });
