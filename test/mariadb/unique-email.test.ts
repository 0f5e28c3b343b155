import { verifyCatalogue } from "../support/catalogue-matrix.js";
import { sessionLanes } from "./support.js";

/**
 * The unique-email designs on MariaDB. One verdict differs from what the same code gets on
 * PostgreSQL: check-then-insert behind `SELECT … FOR UPDATE` is correct on InnoDB at REPEATABLE
 * READ (gap locks, then a deadlock that the retry absorbs) and broken on PostgreSQL, whose
 * FOR UPDATE locks no row that is not there.
 */
verifyCatalogue("unique-email", "mariadb", await sessionLanes(2));
