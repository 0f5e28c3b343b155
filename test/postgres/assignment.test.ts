import { expect } from "vitest";
import type { Verdict } from "../../engine/random/check.js";
import type { AssignmentCommand } from "../../model/assignment/types.js";
import { verifyCatalogue } from "../support/catalogue-matrix.js";
import { sessionLanes } from "./support.js";

/** The read-committed race needs nothing more than two joins running side by side. */
const twoJoinsSideBySide = (verdict: Verdict): void => {
  const branches = verdict.counterexample?.case.branches.filter((branch) => branch.length > 0) ?? [];
  expect(branches.map((branch) => branch.map(({ command }) => (command as AssignmentCommand)._tag))).toEqual([["join"], ["join"]]);
};

verifyCatalogue("assignment", "postgres", await sessionLanes(3), { "pg-naive-rc": twoJoinsSideBySide });
