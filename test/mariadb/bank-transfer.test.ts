import { verifyCatalogue } from "../support/catalogue-matrix.js";
import { sessionLanes } from "./support.js";

verifyCatalogue("bank-transfer", "mariadb", await sessionLanes(2));
