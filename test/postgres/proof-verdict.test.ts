import { describe, expect, test } from "vitest";
import { PAIRS_SHAPE } from "../../engine/exhaustive/programs.js";
import { prove } from "../../engine/exhaustive/proof.js";
import { naiveReadCommitted } from "../../implementations/assignment/postgres/naive-rc.js";
import { rowLocks } from "../../implementations/assignment/postgres/row-locks.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand } from "../../model/assignment/types.js";
import { sessionSettings } from "../../properties/verify.js";
import { fileSession } from "./support.js";

const session = await fileSession();

const join = (member: string, container: string): AssignmentCommand => ({ _tag: "join", member, container });

// Two lamps competing for one socket: the race every naive design loses, in three programs of the pairs domain.
const commands = [join("l1", "s1"), join("l2", "s1")];

describe("proof mode on PostgreSQL, with the statements' declared accesses", () => {
  test("proves row locks over every pair of the two joins", async () => {
    const verdict = await prove(lampSocket, rowLocks, commands, { shape: PAIRS_SHAPE, ...sessionSettings(rowLocks, session) });
    expect(verdict.status).toBe("verified");
    expect(verdict.programsExplored).toBe(3);
    expect(verdict.reduction).toBe(true);
  }, 120_000);

  test("finds the naive design's race with its minimal counterexample: two joins, one preemption", async () => {
    const verdict = await prove(lampSocket, naiveReadCommitted, commands, { shape: PAIRS_SHAPE, ...sessionSettings(naiveReadCommitted, session) });
    expect(verdict.status).toBe("violated");
    const example = verdict.counterexample;
    expect(example?.program.prefix).toEqual([]);
    expect(example?.program.branches.flat()).toHaveLength(2);
    expect(example?.execution.preemptions).toBe(1);
  }, 60_000);
});
