import { verifyCatalogue } from "../support/catalogue-matrix.js";
import { sessionLanes } from "./support.js";

/**
 * The assignment designs on MariaDB. Most verdicts are PostgreSQL's, reached another way
 * (SERIALIZABLE by shared locks and deadlocks instead of SSI; the unit of work by its version check
 * instead of 40001). One is not: read-modify-write at REPEATABLE READ with a retry on 40001, correct
 * on PostgreSQL, loses updates on InnoDB, whose second writer overwrites instead of failing.
 */
verifyCatalogue("assignment", "mariadb", await sessionLanes(2));
