import { verifyCatalogueOnMariadb } from "./catalogue-on-mariadb.js";
import { sessionLanes } from "./support.js";

verifyCatalogueOnMariadb("bank-transfer", await sessionLanes(2), {
  // Two commands on one account, the second one's SELECT before the first one's UPDATE: a lost update.
  "mariadb-transfer-naive": { commands: 2, preemptions: 1 },
  // The same at REPEATABLE READ. PostgreSQL fails the second UPDATE with 40001 and the retry runs it
  // again on fresh balances; InnoDB's second UPDATE waits for the first, then overwrites its commit.
  "mariadb-transfer-naive-rr": { commands: 2, preemptions: 1 },
});
