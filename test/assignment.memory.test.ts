import { describe, expect, test } from "vitest";
import { memoryBackend } from "../backends/memory.js";
import { lampSocket } from "../model/assignment/scenarios.js";
import type { AssignmentCommand } from "../model/assignment/types.js";
import { catalogue } from "../properties/catalogue.js";
import { verify } from "../properties/verify.js";
import { inMemory, verifyCatalogue } from "./support/catalogue-matrix.js";
import { preemptionCount } from "./support/verdicts.js";

const session = await memoryBackend.start();

verifyCatalogue("assignment", "memory", inMemory);

describe("lamp-socket naive", () => {
  test("shrinks to two joins of one lamp or one socket, in two branches, with one preemption", async () => {
    const naive = catalogue.find((entry) => entry.implementation.name === "naive");
    for (const seed of [11, 12, 13, 14, 15]) {
      const verdict = await verify(lampSocket, naive!.implementation, session, { mode: "concurrent", seed });
      const example = verdict.counterexample;
      expect(example?.case.prefix).toEqual([]);
      const branches = example?.case.branches.filter((branch) => branch.length > 0) ?? [];
      expect(branches).toHaveLength(2);
      const [first, second] = branches.map((branch) => branch[0]?.command as AssignmentCommand);
      expect([first?._tag, second?._tag]).toEqual(["join", "join"]);
      // Both races are minimal: two lamps saved into one socket, or one lamp saved into two.
      expect(first?.container === second?.container || first?.member === second?.member).toBe(true);
      expect(preemptionCount(verdict)).toBe(1);
    }
  });
});
