import { verifyCatalogueOnMariadb } from "./catalogue-on-mariadb.js";
import { sessionLanes } from "./support.js";

/**
 * The unique-email designs on MariaDB. One verdict differs from what the same code gets on
 * PostgreSQL: check-then-insert behind `SELECT … FOR UPDATE` is correct on InnoDB at REPEATABLE
 * READ (gap locks, then a deadlock that the retry absorbs) and broken on PostgreSQL, whose
 * FOR UPDATE locks no row that is not there.
 */
verifyCatalogueOnMariadb("unique-email", await sessionLanes(2), {
  "mariadb-email-naive": { commands: 2, preemptions: 1 },
});
