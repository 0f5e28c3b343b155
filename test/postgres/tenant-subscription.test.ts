import { verifyCatalogueOnPostgres } from "./catalogue-on-postgres.js";
import { sessionLanes } from "./support.js";

verifyCatalogueOnPostgres("tenant-subscription", await sessionLanes(2), {
  // Two subscriptions to one product within one tenant, the second one's SELECT before the first one's INSERT.
  "pg-subscription-naive": { commands: 2, preemptions: 1 },
});
