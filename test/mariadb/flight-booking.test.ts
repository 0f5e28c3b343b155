import { verifyCatalogueOnMariadb } from "./catalogue-on-mariadb.js";
import { sessionLanes } from "./support.js";

verifyCatalogueOnMariadb("flight-booking", await sessionLanes(2), {
  "mariadb-flight-naive": { commands: 2, preemptions: 1 },
});
