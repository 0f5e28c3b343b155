import { describe, expect, test } from "vitest";
import { blame, errorText, TaskFault } from "../../engine/blame.js";
import { execute } from "../../engine/execute.js";
import { defineImplementation } from "../../engine/implementation.js";
import { headline, details } from "../../engine/report/failure-text.js";
import { preemptionSource } from "../../engine/schedule/preemptions.js";
import { step } from "../../engine/step.js";
import { DeadlineExceeded } from "../../engine/tasks.js";
import { registryAssignment } from "../../implementations/assignment/memory/registry.js";
import { lampSocket } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";

const join = (member: string, container: string): AssignmentCommand => ({ _tag: "join", member, container });
const twoJoins = { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s1")]] };
const LIMIT_MS = 150;
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** The registry design with `create` or `snapshot` replaced. */
const registryWith = (name: string, change: { create?: () => Promise<never>; snapshotNeverAnswersAfter?: number }) =>
  defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>({
    ...registryAssignment,
    name,
    async create(context) {
      if (change.create !== undefined) return change.create();
      const inner = await registryAssignment.create(context);
      let snapshots = 0;
      return {
        ...inner,
        async execute(command) {
          await step("look up", () => undefined);
          return inner.execute(command);
        },
        snapshot: () => (++snapshots > (change.snapshotNeverAnswersAfter ?? Infinity) ? never<AssignmentSnapshot>() : inner.snapshot()),
      };
    },
  });

const run = (implementation: ReturnType<typeof registryWith>) =>
  execute(lampSocket, implementation, twoJoins, preemptionSource([[], []]), { timeLimitMs: LIMIT_MS });

describe("one mapping from an error to the failure it stands for", () => {
  test("a failure already blamed stays; the time limit is hung at the site; anything else threw there", () => {
    const hung = { kind: "hung", limitMs: 5, tasks: [] } as const;
    expect(blame(new TaskFault(hung), { task: "T1" })).toBe(hung);
    expect(blame(new DeadlineExceeded(5), { task: "snapshot", command: "snapshot()", label: "save" })).toEqual({
      kind: "hung",
      limitMs: 5,
      tasks: [{ task: "snapshot", command: "snapshot()", state: "running", label: "save" }],
    });
    expect(blame("disk full", { task: "T2", command: "join(l1, s1)" })).toEqual({ kind: "threw", task: "T2", command: "join(l1, s1)", message: "disk full" });
    expect(errorText(new Error("connection reset"))).toBe("connection reset");
  });

  test("a create that never resolves is hung in create(), not an error it threw", async () => {
    const execution = await run(registryWith("create-never-resolves", { create: never }));
    expect(execution.failure).toEqual({ kind: "hung", limitMs: LIMIT_MS, tasks: [{ task: "setup", command: "create()", state: "running", label: "start" }] });
    expect(headline(execution.failure as NonNullable<typeof execution.failure>)).toBe(`the run did not finish within its ${LIMIT_MS} ms limit`);
  });

  test("a create that throws is blamed on create()", async () => {
    const execution = await run(registryWith("create-throws", { create: () => Promise.reject(new Error("no such table")) }));
    expect(execution.failure).toEqual({ kind: "threw", task: "setup", command: "create()", message: "no such table" });
  });

  test("a snapshot that never answers at rest is hung in snapshot()", async () => {
    const execution = await run(registryWith("snapshot-never-answers", { snapshotNeverAnswersAfter: 0 }));
    expect(execution.failure).toMatchObject({ kind: "hung", tasks: [{ task: "snapshot", command: "snapshot()", state: "running" }] });
  });

  test("a snapshot that never answers mid-run is hung in snapshot(), after the step it followed", async () => {
    const execution = await run(registryWith("snapshot-hangs-mid-run", { snapshotNeverAnswersAfter: 2 }));
    const failure = execution.failure as NonNullable<typeof execution.failure>;
    expect(failure).toMatchObject({ kind: "hung", tasks: [{ task: "snapshot", command: "snapshot()", state: "running", label: "look up" }] });
    expect(details(failure, execution.history)).toEqual([`- snapshot still running after "look up" in snapshot() (it awaited something other than step())`]);
  });
});
