import { naiveAt } from "./check-then-act.js";

/**
 * Naive check-then-act at READ COMMITTED, PostgreSQL's default: two joins both count the socket
 * empty, both insert, and the socket holds two lamps.
 */
export const naiveReadCommitted = naiveAt("READ COMMITTED", "pg-naive-rc", "naive check-then-act, READ COMMITTED");
