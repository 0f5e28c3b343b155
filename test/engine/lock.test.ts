import { describe, expect, test } from "vitest";
import { execute } from "../../engine/execute.js";
import { defineImplementation } from "../../engine/implementation.js";
import { lock, withLocks } from "../../engine/locks/lock.js";
import { SPIN_LIMIT } from "../../engine/locks/fairness.js";
import { headline } from "../../engine/report/failure-text.js";
import { drawTimeline } from "../../engine/report/timeline.js";
import { forcedSource } from "../../engine/schedule/forced.js";
import { step } from "../../engine/step.js";
import { locksAssignment } from "../../implementations/assignment/memory/locks.js";
import { naiveAssignment } from "../../implementations/assignment/memory/naive.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import { memoryBackend } from "../../backends/memory.js";
import { prove } from "../../engine/exhaustive/proof.js";
import { resolveRunSettings } from "../../engine/settings.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";

const join = (member: string, container: string): AssignmentCommand => ({ _tag: "join", member, container });
const leave = (member: string, container: string): AssignmentCommand => ({ _tag: "leave", member, container });
const options = { timeLimitMs: 10_000 };

/** The naive design, its commands wrapped by `guard` (a lock of some kind around each command). */
const guarded = (name: string, guard: (command: AssignmentCommand, body: () => Promise<AssignmentOutcome>) => Promise<AssignmentOutcome>) =>
  defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>({
    ...naiveAssignment,
    name,
    async create(context) {
      const inner = await naiveAssignment.create(context);
      return { ...inner, execute: (command) => guard(command, () => inner.execute(command)) };
    },
  });

/** A mutex a team writes itself: a promise chain the harness cannot see into. */
const promiseMutex = () => {
  let tail = Promise.resolve();
  return async <T>(body: () => Promise<T>): Promise<T> => {
    const previous = tail;
    let free: () => void = () => undefined;
    tail = new Promise((resolve) => (free = resolve));
    await previous;
    try {
      return await body();
    } finally {
      free();
    }
  };
};

describe("lock outside a run", () => {
  test("is a plain mutex per key: the second holder starts after the first releases", async () => {
    const events: string[] = [];
    const hold = async (name: string, key: string) => {
      const release = await lock(key);
      events.push(`${name} in`);
      await new Promise((resolve) => setImmediate(resolve));
      events.push(`${name} out`);
      release();
      release();
    };
    await Promise.all([hold("a", "k"), hold("b", "k"), hold("c", "other")]);
    expect(events.indexOf("b in")).toBeGreaterThan(events.indexOf("a out"));
    expect(events.indexOf("c in")).toBeLessThan(events.indexOf("a out"));
  });

  test("withLocks takes its keys sorted and without repeats, so two callers cannot deadlock", async () => {
    const results = await Promise.all([withLocks(["b", "a", "b"], async () => "first"), withLocks(["a", "b"], async () => "second")]);
    expect(results).toEqual(["first", "second"]);
  });
});

describe("lock inside a run", () => {
  test("a task waiting for a lock is blocked: the engine runs the holder, and the timeline shows the wait", async () => {
    const globalLock = guarded("global-lock", (_command, body) => withLocks(["everything"], body));
    // T1 takes the lock, then the engine switches to T2, which blocks: only T1 can go on.
    const execution = await execute(lampSocket, globalLock, { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s1")]] }, forcedSource([0, 1]), options);
    expect(execution.failure).toBeUndefined();
    expect(execution.history.operations.map((operation) => operation.outcome)).toEqual(["joined", "container-full"]);
    expect(drawTimeline(execution.history.timeline)).toContain("lock everything ⏳ waits for T1");
  });

  test("a correct design with a lock per member and per container passes the race the naive design loses", async () => {
    const program = { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s1")]] };
    const naive = await execute(lampSocket, naiveAssignment, program, forcedSource([0, 0, 1]), options);
    expect(naive.failure).toBeDefined();
    for (const decisions of [
      [0, 0, 1],
      [0, 1],
      [1, 0],
      [0, 0, 0, 1],
    ]) {
      const locked = await execute(lampSocket, locksAssignment, program, forcedSource(decisions), options);
      expect(locked.failure, JSON.stringify(decisions)).toBeUndefined();
    }
  });

  test("two tasks taking two locks in opposite orders deadlock, and the report names the cycle", async () => {
    const opposite = guarded("opposite-orders", async (command, body) => {
      const keys = command._tag === "join" ? ["lamp", "socket"] : ["socket", "lamp"];
      const first = await lock(keys[0] as string);
      const second = await lock(keys[1] as string);
      try {
        return await body();
      } finally {
        second();
        first();
      }
    });
    const execution = await execute(lampSocket, opposite, { prefix: [], branches: [[join("l1", "s1")], [leave("l1", "s1")]] }, forcedSource([0, 1]), options);
    expect(execution.failure).toMatchObject({
      kind: "deadlock",
      waits: [
        { task: "T1", key: "socket", heldBy: "T2", command: "join(l1, s1)" },
        { task: "T2", key: "lamp", heldBy: "T1", command: "leave(l1, s1)" },
      ],
    });
    expect(headline(execution.failure as NonNullable<typeof execution.failure>)).toContain("T1 → T2 → T1");
  });

  test("a lock never released blocks the next taker: a deadlock naming the task that finished holding it", async () => {
    const leaky = guarded("leaky", async (_command, body) => {
      await lock("everything");
      return body();
    });
    const execution = await execute(
      lampSocket,
      leaky,
      { prefix: [join("l1", "s1")], branches: [[join("l2", "s2")], [leave("l1", "s1")]] },
      forcedSource([]),
      options,
    );
    expect(execution.failure).toMatchObject({ kind: "deadlock", waits: [{ task: "T1", key: "everything", heldBy: "P" }] });
  });

  test("taking a lock the task already holds throws instead of waiting for itself", async () => {
    const twice = guarded("twice", async (_command, body) => withLocks(["k"], () => withLocks(["k"], body)));
    const execution = await execute(lampSocket, twice, { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s2")]] }, forcedSource([]), options);
    expect(execution.failure?.kind === "threw" && execution.failure.message).toContain("not reentrant");
  });
});

describe("waits and spins the engine cannot see through", () => {
  test("a promise mutex of the team's own is reported at once, not after the time limit", async () => {
    const started = performance.now();
    const mutex = promiseMutex();
    const own = guarded("own-mutex", (_command, body) => mutex(body));
    const execution = await execute(lampSocket, own, { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s1")]] }, forcedSource([0, 1]), {
      timeLimitMs: 60_000,
    });
    expect(execution.failure).toMatchObject({ kind: "unseen-wait", tasks: [{ task: "T2", command: "join(l2, s1)" }] });
    expect(headline(execution.failure as NonNullable<typeof execution.failure>)).toContain("use lock()");
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test("a try-lock spun through step() does not starve the holder: the engine switches away from the spinner", async () => {
    let holder: string | undefined;
    const tryLock = (name: string) => step(`try lock`, () => (holder === undefined ? ((holder = name), true) : false));
    const spinning = guarded("spin-lock", async (command, body) => {
      for (let tries = 0; !(await tryLock(command.member)); tries++) if (tries > 1000) throw new Error("not acquired after 1000 tries");
      try {
        return await body();
      } finally {
        holder = undefined;
      }
    });
    // The decisions keep choosing T2, the spinner, whenever it is offered.
    const execution = await execute(
      lampSocket,
      spinning,
      { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s1")]] },
      forcedSource([0, 0, ...Array<number>(50).fill(1)]),
      options,
    );
    expect(execution.failure).toBeUndefined();
    const spins = execution.history.timeline.filter((event) => event.kind === "step" && event.task === "T2" && event.label === "try lock").length;
    expect(spins).toBeGreaterThan(SPIN_LIMIT);
    expect(spins).toBeLessThan(50);
  });

  test("the time limit ends a run that spins through step() for ever", async () => {
    const forever = guarded("forever", async () => {
      for (;;) await step("poll", () => undefined);
    });
    const execution = await execute(lampSocket, forever, { prefix: [], branches: [[join("l1", "s1")]] }, forcedSource([]), { timeLimitMs: 100 });
    expect(execution.failure).toMatchObject({ kind: "hung", limitMs: 100, tasks: [{ task: "T1", state: "parked", label: "poll" }] });
  });
});

describe("spins and locks under exhaustive search", () => {
  /** The naive design behind a try-lock of its own, spun through step(): correct, if slow to get in. */
  const spinLock = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>({
    ...naiveAssignment,
    name: "spin-lock",
    async create(context) {
      const inner = await naiveAssignment.create(context);
      let held = false;
      const tryLock = () => step("try lock", () => !held && (held = true), String, { writes: ["spin lock"] });
      return {
        ...inner,
        async execute(command) {
          for (let tries = 0; !(await tryLock()); tries++) if (tries > 1000) throw new Error("not acquired after 1000 tries");
          try {
            return await inner.execute(command);
          } finally {
            // Its own step, declared: the release changes what the other task's try-lock returns.
            await step("unlock", () => (held = false), String, { writes: ["spin lock"] });
          }
        },
      };
    },
  });

  test("a try-lock spun through step() is proved: the fairness bound keeps every tree finite", async () => {
    const settings = resolveRunSettings(memoryBackend);
    const shape = { maxPrefix: 0, minConcurrent: 2, maxConcurrent: 2 };
    const verdict = await prove(lampSocket, spinLock, [join("l1", "s1"), join("l2", "s1"), leave("l1", "s1")], { ...settings, shape });
    expect(verdict.status).toBe("verified");
    expect(verdict.programsExplored).toBe(verdict.programs);
  });
});
