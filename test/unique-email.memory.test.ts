import { describe, expect, test } from "vitest";
import { memoryBackend } from "../backends/memory.js";
import { type Preemption, preemptionSource } from "../engine/schedule/preemptions.js";
import { execute, type Program } from "../engine/execute.js";
import { forgetsToNormalizeUniqueEmail } from "../implementations/unique-email/memory/forgets-to-normalize.js";
import { naiveUniqueEmail } from "../implementations/unique-email/memory/naive.js";
import { registryUniqueEmail } from "../implementations/unique-email/memory/registry.js";
import { normalized, uniqueEmailModel } from "../model/unique-email/model.js";
import { uniqueEmail } from "../model/unique-email/scenarios.js";
import type { UniqueEmailCommand, UniqueEmailImplementation, UniqueEmailOutcome } from "../model/unique-email/types.js";
import { verify } from "../properties/verify.js";
import { inMemory, verifyCatalogue } from "./support/catalogue-matrix.js";

verifyCatalogue("unique-email", "memory", inMemory);

const register = (user: string, email: string): UniqueEmailCommand => ({ _tag: "register", user, email });
const changeEmail = (user: string, email: string): UniqueEmailCommand => ({ _tag: "changeEmail", user, email });
const changeEmailIfCurrent = (user: string, expected: string, email: string): UniqueEmailCommand => ({ _tag: "changeEmailIfCurrent", user, expected, email });
const unregister = (user: string): UniqueEmailCommand => ({ _tag: "unregister", user });

/** Runs commands through the model from the empty state; the outcomes and what is stored after them. */
const run = (...commands: ReadonlyArray<UniqueEmailCommand>) => {
  let state = uniqueEmailModel.initial(uniqueEmail.config);
  const outcomes: UniqueEmailOutcome[] = [];
  for (const command of commands) {
    const next = uniqueEmailModel.step(state, command, uniqueEmail.config);
    outcomes.push(next.outcome);
    state = next.state;
  }
  return { outcomes, users: uniqueEmailModel.observe(state).users };
};

describe("unique-email model", () => {
  test("e-mails collide after trimming and lower-casing, and are stored as typed", () => {
    const { outcomes, users } = run(register("u1", " A@x.io"), register("u2", "a@x.io"), register("u2", "a@X.IO "), register("u2", "b@x.io"));
    expect(outcomes).toEqual(["registered", "email-taken", "email-taken", "registered"]);
    expect(users).toEqual([
      ["u1", " A@x.io"],
      ["u2", "b@x.io"],
    ]);
  });

  test("register: already-registered wins over email-taken", () => {
    expect(run(register("u1", "a@x.io"), register("u2", "b@x.io"), register("u1", "b@x.io")).outcomes[2]).toBe("already-registered");
  });

  test("changeEmail: unknown-user, then unchanged, then email-taken", () => {
    const { outcomes, users } = run(
      register("u1", "a@x.io"),
      register("u2", "b@x.io"),
      changeEmail("u3", "c@x.io"),
      changeEmail("u1", " A@x.io"),
      changeEmail("u1", "B@x.io"),
    );
    expect(outcomes.slice(2)).toEqual(["unknown-user", "unchanged", "email-taken"]);
    // `unchanged` writes nothing: the first spelling stays.
    expect(users).toEqual([
      ["u1", "a@x.io"],
      ["u2", "b@x.io"],
    ]);
  });

  test("changeEmailIfCurrent: stale wins over unchanged and email-taken; expected is compared normalized", () => {
    const { outcomes, users } = run(
      register("u1", "a@x.io"),
      register("u2", "b@x.io"),
      changeEmailIfCurrent("u3", "a@x.io", "c@x.io"),
      changeEmailIfCurrent("u1", "b@x.io", "b@x.io"),
      changeEmailIfCurrent("u1", "c@x.io", "a@x.io"),
      changeEmailIfCurrent("u1", " A@x.io", "a@X.IO "),
      changeEmailIfCurrent("u1", "a@X.IO ", "b@x.io"),
      changeEmailIfCurrent("u1", " A@x.io", "c@x.io"),
    );
    expect(outcomes.slice(2)).toEqual(["unknown-user", "stale", "stale", "unchanged", "email-taken", "changed"]);
    expect(users).toEqual([
      ["u1", "c@x.io"],
      ["u2", "b@x.io"],
    ]);
  });

  test("unregister frees the e-mail for another spelling", () => {
    expect(run(register("u1", "a@x.io"), unregister("u1"), unregister("u1"), register("u2", " A@x.io")).outcomes).toEqual([
      "registered",
      "unregistered",
      "unknown-user",
      "registered",
    ]);
  });

  test("the invariant names the users that share a normalized e-mail", () => {
    const [unique] = uniqueEmailModel.invariants;
    const users = [
      ["u1", "a@x.io"],
      ["u2", " A@x.io"],
      ["u3", "b@x.io"],
    ] as const;
    expect(unique?.violations({ users }, uniqueEmail.config)).toEqual(['u1 ("a@x.io") and u2 (" A@x.io") hold the same e-mail a@x.io']);
    expect(unique?.violations({ users: users.filter(([user]) => user !== "u2") }, uniqueEmail.config)).toEqual([]);
  });
});

const options = { timeLimitMs: 1_000 };
/** Every schedule of two one-command branches with at most one preemption per branch. */
const schedules = (): ReadonlyArray<ReadonlyArray<ReadonlyArray<ReadonlyArray<Preemption>>>> => {
  const points = [undefined, 0, 1, 2, 3, 4];
  return points.flatMap((first) => points.map((second) => [first, second].map((step) => [step === undefined ? [] : [{ step, to: 0 }]])));
};
const outcomesUnderEverySchedule = async (implementation: UniqueEmailImplementation, program: Program<UniqueEmailCommand>) => {
  const results = [];
  for (const schedule of schedules()) {
    const execution = await execute(uniqueEmail, implementation, program, preemptionSource(schedule), options);
    results.push({ failure: execution.failure, outcomes: execution.history.operations.slice(program.prefix.length).map((operation) => operation.outcome) });
  }
  return results;
};

describe("compare-and-set", () => {
  // Both callers saw u1's e-mail (in two spellings) and want to replace it: exactly one may win.
  const race = {
    prefix: [register("u1", "a@x.io")],
    branches: [[changeEmailIfCurrent("u1", "a@x.io", "b@x.io")], [changeEmailIfCurrent("u1", " A@x.io", "c@x.io")]],
  };

  test("the EmailDirectory lets exactly one of two racing compare-and-sets win, under every schedule", async () => {
    for (const { failure, outcomes } of await outcomesUnderEverySchedule(registryUniqueEmail, race)) {
      expect(failure).toBeUndefined();
      expect([...outcomes].sort()).toEqual(["changed", "stale"]);
    }
  });

  test("the naive design lets both win when the second reads before the first saves", async () => {
    const results = await outcomesUnderEverySchedule(naiveUniqueEmail, race);
    expect(results.some(({ failure, outcomes }) => failure?.kind === "not-linearizable" && outcomes.every((outcome) => outcome === "changed"))).toBe(true);
  });
});

describe("the uniqueness race itself", () => {
  test("the naive design registers two users with two spellings of one e-mail when their scans interleave", async () => {
    // T1 loads its user and scans, then T2 runs to the end, then T1 saves.
    const program = { prefix: [], branches: [[register("u1", "a@x.io")], [register("u2", " A@x.io")]] };
    const execution = await execute(uniqueEmail, naiveUniqueEmail, program, preemptionSource([[[{ step: 2, to: 0 }]], []]), options);
    expect(execution.failure).toMatchObject({ kind: "invariant", invariant: "unique e-mail" });
  });

  test("forgetting to normalize is caught without concurrency, by two spellings of one e-mail", async () => {
    const session = await memoryBackend.start();
    for (const seed of [1, 2, 3, 4, 5]) {
      const verdict = await verify(uniqueEmail, forgetsToNormalizeUniqueEmail, session, { mode: "sequential", seed, numRuns: 100 });
      const commands = (verdict.counterexample?.case.prefix ?? []) as ReadonlyArray<UniqueEmailCommand>;
      const emails = commands.flatMap((command) => (command._tag === "unregister" ? [] : [command.email]));
      expect(commands).toHaveLength(2);
      expect(new Set(emails).size).toBe(2);
      expect(new Set(emails.map(normalized)).size).toBe(1);
    }
  });
});
