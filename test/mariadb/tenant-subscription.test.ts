import { verifyCatalogueOnMariadb } from "./catalogue-on-mariadb.js";
import { sessionLanes } from "./support.js";

verifyCatalogueOnMariadb("tenant-subscription", await sessionLanes(2), {
  "mariadb-subscription-naive": { commands: 2, preemptions: 1 },
});
