import { verifyCatalogue } from "../support/catalogue-matrix.js";
import { sessionLanes } from "./support.js";

verifyCatalogue("flight-booking", "mariadb", await sessionLanes(2));
