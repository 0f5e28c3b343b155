import { describe, expect, test, vi } from "vitest";
import { isImplementationFile, loadImplementations } from "../../cli/load-implementation.js";
import { UsageError } from "../../cli/verify-options.js";
import { naiveJoin } from "../../examples/naive-join.js";
import { registryAssignment } from "../../implementations/assignment/memory/registry.js";
import { assertClaim } from "../../properties/assert-claim.js";
import { neverSteps } from "../fixtures/never-steps.js";

const rejection = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => "",
    (error: unknown) => String(error),
  );

describe("--impl FILE#export", () => {
  test("is a file, and selects that one export of a file that has several", async () => {
    expect(isImplementationFile("our-design.ts#ourDesign")).toBe(true);
    expect(isImplementationFile("registry")).toBe(false);
    expect((await loadImplementations("./test/support/faulty-designs.ts")).length).toBeGreaterThan(1);
    const picked = await loadImplementations("./test/support/faulty-designs.ts#throwsOnJoin");
    expect(picked.map((implementation) => implementation.name)).toEqual(["throws-on-join"]);
  });

  test.each([
    ["./examples/naive-join.ts#ourDesign", 'has no export "ourDesign"; its exports: naiveJoin'],
    ["./test/fixtures/not-an-implementation.ts#answer", 'export "answer" is not an implementation'],
  ])("%s is refused with a one-line reason", async (value, reason) => {
    const error = await loadImplementations(value).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain(reason);
  });
});

describe("assertClaim", () => {
  test("a broken claim throws the counterexample with a replay call that repeats it exactly", async () => {
    const first = await rejection(assertClaim(naiveJoin, { scenarios: ["group-membership"], modes: ["concurrent"], seed: 7 }));
    const replay = /replay: assertClaim\(design, \{ scenarios: \["group-membership"\], modes: \["concurrent"\], seed: (-?\d+), path: "([\d:]+)" \}\)/.exec(
      first,
    );
    expect(replay, first).not.toBeNull();
    const [, seed, path] = replay as RegExpExecArray;
    const again = await rejection(assertClaim(naiveJoin, { scenarios: ["group-membership"], modes: ["concurrent"], seed: Number(seed), path: path as string }));
    const timeline = (report: string) => report.slice(report.indexOf("#  T1"), report.indexOf("replay:"));
    expect(timeline(again)).toBe(timeline(first));
    expect(again).toContain("found after 1 run,");
  });

  test("names the strategy in the replay when it is not the default", async () => {
    const report = await rejection(assertClaim(naiveJoin, { scenarios: ["group-membership"], modes: ["concurrent"], seed: 7, strategy: "pct" }));
    expect(report).toMatch(/replay: assertClaim\(design, \{ .*, strategy: "pct" \}\)/);
  });

  test("a path without its one scenario and one mode is refused", async () => {
    expect(await rejection(assertClaim(naiveJoin, { seed: 7, path: "1:0" }))).toContain("name its one scenario and one mode");
  });

  test("a time limit the runs exceed fails the claim", async () => {
    const report = await rejection(
      assertClaim(registryAssignment, { scenarios: ["group-membership"], modes: ["sequential"], numRuns: 5, seed: 1, timeLimitMs: 1e-9 }),
    );
    expect(report).toContain("the run did not finish within its 1e-9 ms limit");
  });

  test("a concurrent pass without a single step() comes with a warning", async () => {
    const onWarning = vi.fn<(text: string) => void>();
    const verdicts = await assertClaim(neverSteps, { scenarios: ["group-membership"], numRuns: 20, seed: 1, onWarning });
    expect(verdicts.map((verdict) => `${verdict.mode} ${verdict.status}`)).toEqual(["sequential passed", "concurrent passed"]);
    expect(onWarning).toHaveBeenCalledTimes(1);
    expect(onWarning.mock.calls[0]?.[0]).toContain("never-steps on group-membership (concurrent): no step() was called in 20 runs");
  });

  test("a design that steps passes without a warning", async () => {
    const onWarning = vi.fn<(text: string) => void>();
    await assertClaim(registryAssignment, { scenarios: ["group-membership"], modes: ["concurrent"], numRuns: 20, seed: 1, onWarning });
    expect(onWarning).not.toHaveBeenCalled();
  });
});
