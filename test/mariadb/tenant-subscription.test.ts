import { verifyCatalogue } from "../support/catalogue-matrix.js";
import { sessionLanes } from "./support.js";

verifyCatalogue("tenant-subscription", "mariadb", await sessionLanes(2));
