import { describe, expect, test } from "vitest";
import { describeClaims, registerClaims, type SuiteApi } from "../index.js";
import { naiveAssignment } from "../implementations/assignment/memory/naive.js";
import { registryAssignment } from "../implementations/assignment/memory/registry.js";
import { rowLocks } from "../implementations/assignment/postgres/row-locks.js";
import { timelineText } from "./support/text-timeline.js";

// The helper in use, as a team writes it: these four tests run in this file and must pass.
const names = describeClaims(registryAssignment, { scenarios: ["lamp-socket", "group-membership"], numRuns: 30, seed: 5 });

/** A runner that records what is registered, so that a failing check can be watched without failing this suite. */
const recorder = () => {
  const registered: { name: string; body: () => Promise<void> }[] = [];
  const hooks = { before: [] as Array<() => Promise<void>>, after: [] as Array<() => Promise<void>> };
  let suite = "";
  const api: SuiteApi = {
    describe: (name, body) => {
      suite = name;
      body();
    },
    test: (name, body) => void registered.push({ name: `${suite} > ${name}`, body }),
    beforeAll: (body) => void hooks.before.push(body),
    afterAll: (body) => void hooks.after.push(body),
  };
  /** Runs every registered test between the hooks; each test's error message, or "" when it passed. */
  const runAll = async (): Promise<string[]> => {
    for (const hook of hooks.before) await hook();
    try {
      const messages: string[] = [];
      for (const { body } of registered)
        messages.push(
          await body().then(
            () => "",
            (error: unknown) => String(error),
          ),
        );
      return messages;
    } finally {
      for (const hook of hooks.after) await hook();
    }
  };
  return { api, registered, runAll };
};

describe("describeClaims", () => {
  test("names one test per scenario × mode, readable and distinct", () => {
    const suite = "registry (memory) keeps its claim: linearizable";
    expect(names).toEqual([
      `${suite} > group-membership · sequential`,
      `${suite} > group-membership · concurrent`,
      `${suite} > lamp-socket · sequential`,
      `${suite} > lamp-socket · concurrent`,
    ]);
  });

  test("a check that fails throws the report with an assertClaim replay, and the replay repeats the counterexample", async () => {
    const { api, registered, runAll } = recorder();
    registerClaims(api, naiveAssignment, { scenarios: ["lamp-socket"], modes: ["concurrent"], seed: 3, numRuns: 100 });
    expect(registered.map(({ name }) => name)).toEqual(["naive (memory) keeps its claim: linearizable > lamp-socket · concurrent"]);
    const [failure = ""] = await runAll();
    const replay = /replay: assertClaim\(design, \{ scenarios: \["lamp-socket"\], modes: \["concurrent"\], seed: (-?\d+), path: "([\d:]+)" \}\)/.exec(failure);
    expect(replay, failure).not.toBeNull();

    const again = recorder();
    registerClaims(again.api, naiveAssignment, { scenarios: ["lamp-socket"], modes: ["concurrent"], seed: Number(replay?.[1]), path: replay?.[2] ?? "" });
    const [repeated = ""] = await again.runAll();
    expect(timelineText(repeated)).toContain("⚡");
    expect(timelineText(repeated)).toBe(timelineText(failure));
  }, 60_000);

  test("backends choose among several designs; a name that selects nothing is refused before any test runs", () => {
    const { api, registered } = recorder();
    registerClaims(api, [registryAssignment, rowLocks], { backends: ["memory"], modes: ["concurrent"], scenarios: ["lamp-socket"] });
    expect(registered.map(({ name }) => name)).toEqual(["registry (memory) keeps its claim: linearizable > lamp-socket · concurrent"]);
    expect(() => registerClaims(api, rowLocks, { backends: ["memory"] })).toThrow("describeClaims: no design given is on the backends memory");
    expect(() => registerClaims(api, registryAssignment, { scenarios: ["nope"] })).toThrow(
      "describeClaims: registry: no scenario of family assignment is named nope",
    );
    expect(() => registerClaims(api, registryAssignment, { seed: 1, path: "1:2" })).toThrow("path replays one counterexample");
  });
});
