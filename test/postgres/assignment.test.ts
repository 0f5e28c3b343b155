import { expect } from "vitest";
import type { Verdict } from "../../engine/random/check.js";
import type { AssignmentCommand } from "../../model/assignment/types.js";
import { verifyCatalogue } from "../support/catalogue-matrix.js";
import { sessionLanes } from "./support.js";

/**
 * The read-committed race needs nothing more than two commands of one kind side by side: two joins,
 * or two leaves of one membership (each read it before the other deleted it).
 */
const twoOfOneKindSideBySide = (verdict: Verdict): void => {
  const branches = verdict.counterexample?.case.branches.filter((branch) => branch.length > 0) ?? [];
  const kinds = branches.map((branch) => branch.map(({ command }) => (command as AssignmentCommand)._tag));
  expect(kinds).toHaveLength(2);
  expect([
    [["join"], ["join"]],
    [["leave"], ["leave"]],
  ]).toContainEqual(kinds);
};

verifyCatalogue("assignment", "postgres", await sessionLanes(3), { "pg-naive-rc": twoOfOneKindSideBySide });
