import { naiveAt } from "./naive-rc.js";

/**
 * The same check-then-act at REPEATABLE READ, InnoDB's default. Broken as on PostgreSQL, for the
 * same reason: plain SELECTs read a snapshot and lock nothing, the two inserts touch different rows.
 */
export const naiveRepeatableReadOnMariadb = naiveAt("REPEATABLE READ", "mariadb-naive-rr", "naive check-then-act, REPEATABLE READ");
