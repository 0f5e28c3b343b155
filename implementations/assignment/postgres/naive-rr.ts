import { naiveAt } from "./check-then-act.js";

/**
 * The same check-then-act at REPEATABLE READ (snapshot isolation). It stops lost updates, not write
 * skew: both joins read a snapshot in which the socket is empty, insert different rows, and neither
 * write touches a row the other wrote, so both commit.
 */
export const naiveRepeatableRead = naiveAt("REPEATABLE READ", "pg-naive-rr", "naive check-then-act, REPEATABLE READ");
