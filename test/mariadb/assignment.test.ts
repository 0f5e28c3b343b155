import { verifyCatalogueOnMariadb } from "./catalogue-on-mariadb.js";
import { sessionLanes } from "./support.js";

/**
 * The assignment designs on MariaDB. Most verdicts are PostgreSQL's, reached another way
 * (SERIALIZABLE by shared locks and deadlocks instead of SSI; the unit of work by its version check
 * instead of 40001). One is not: read-modify-write at REPEATABLE READ with a retry on 40001, correct
 * on PostgreSQL, loses updates on InnoDB, whose second writer overwrites instead of failing.
 */
verifyCatalogueOnMariadb("assignment", await sessionLanes(2), {
  "mariadb-naive-rc": { commands: 2, preemptions: 1 },
  "mariadb-naive-rr": { commands: 2, preemptions: 1 },
  "mariadb-versioned-per-aggregate": { commands: 2, preemptions: 1 },
  // Correct on PostgreSQL (40001 for the second writer), a lost update on InnoDB: see same-code.test.ts.
  "mariadb-kysely-snapshot-aggregates": { commands: 2, preemptions: 1 },
});
