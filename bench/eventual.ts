import fc from "fast-check";
import { eventualCaseArbitrary, programOfCase, requestCount } from "../engine/eventual/case.js";
import type { AnyEventualImplementation } from "../engine/eventual/port.js";
import { DEFAULT_SETTLE_STEPS, executeEventually } from "../engine/eventual/run.js";
import type { AnyScenario } from "../engine/reference-model.js";
import { ChoiceSource } from "../engine/eventual/choices.js";
import { execute } from "../engine/execute.js";
import { PREFIX_TASK } from "../engine/program.js";
import { catalogue, eventualCatalogue, type EventualCatalogueEntry } from "../properties/catalogue.js";
import { familyOf } from "../properties/families.js";
import { succeededIn } from "../properties/eventual/successes.js";
import { verifyEventually } from "../properties/eventual/verify-eventually.js";
import { familyOfImplementation } from "../properties/verify.js";
import { plural } from "../engine/report/format.js";
import { type Progress, stderrProgress } from "./progress.js";

/** Random-mode checks per broken design (each up to 300 runs, concurrent mode, faults on). */
const DETECTION_SEEDS = 10;
/** Generated concurrent cases per correct design for the price of eventual consistency. */
const PRICE_CASES = 300;

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : (sorted[Math.floor((sorted.length - 1) / 2)] as number);
};

const sizeText = (requests: number, faults: number): string => `${plural(requests, "request")} + ${plural(faults, "fault")}`;

const scenariosOf = (entry: EventualCatalogueEntry): ReadonlyArray<AnyScenario> =>
  (familyOf(entry.implementation.family)?.scenarios ?? []).filter((scenario) => entry.scenarios?.includes(scenario.name) ?? true);

const commandsOf = (scenario: AnyScenario, implementation: AnyEventualImplementation): fc.Arbitrary<unknown> => {
  const family = familyOf(implementation.family);
  if (family === undefined) throw new Error(`unknown family ${implementation.family}`);
  const handles = implementation.handles;
  const all: fc.Arbitrary<unknown> = family.commands(scenario.config);
  const tagged = (command: unknown): boolean =>
    typeof command === "object" && command !== null && "_tag" in command && handles?.includes(String(command._tag)) === true;
  return handles === undefined ? all : all.filter(tagged);
};

/** Random mode against each broken variant: runs to the first failure, and the shrunk size, faults included. */
const detection = async (progress: Progress): Promise<string> => {
  const broken = eventualCatalogue.filter((entry) => entry.implementation.backend === "memory" && entry.minimal !== undefined);
  const rows: string[] = [];
  for (const entry of broken) {
    for (const scenario of scenariosOf(entry)) {
      const step = progress(`eventual detection, ${entry.implementation.name} on ${scenario.name}`, DETECTION_SEEDS);
      const runs: number[] = [];
      const sizes: string[] = [];
      let found = 0;
      for (let seed = 1; seed <= DETECTION_SEEDS; seed++) {
        const verdict = await verifyEventually(scenario, entry.implementation, { mode: "concurrent", seed, numRuns: 300 });
        const example = verdict.counterexample;
        if (example !== undefined) {
          found++;
          runs.push(example.runsToFailure);
          sizes.push(`${requestCount(example.case)}+${example.case.faults.length}`);
        }
        step.tick(seed);
      }
      const smallest = [...sizes].sort()[0] ?? "–";
      const common = median(sizes.map((size) => Number(size.split("+")[0]) * 10 + Number(size.split("+")[1])));
      step.done(`${found}/${DETECTION_SEEDS}`);
      rows.push(
        `| ${entry.implementation.name} | ${scenario.name} | ${found}/${DETECTION_SEEDS} | ${median(runs)} | ${Math.max(0, ...runs)} | ${sizeText(Math.floor(common / 10), common % 10)} | ${smallest === "–" ? smallest : sizeText(Number(smallest.split("+")[0]), Number(smallest.split("+")[1]))} | ${entry.minimal?.requests} + ${entry.minimal?.faults.length} |`,
      );
    }
  }
  return [
    "| broken variant | scenario | found (seeds) | runs to first failure, median | max | shrunk size, median | smallest | minimal (catalogue) |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
};

/** Spurious refusals, messages per request and steps to settle of each correct design, on generated concurrent cases with no faults. */
const price = async (progress: Progress): Promise<string> => {
  const correct = eventualCatalogue.filter((entry) => entry.implementation.backend === "memory" && entry.expected.concurrent === "passed");
  const rows: string[] = [];
  for (const entry of correct) {
    for (const scenario of scenariosOf(entry)) {
      const step = progress(`eventual price, ${entry.implementation.name} on ${scenario.name}`, PRICE_CASES);
      const cases = fc.sample(eventualCaseArbitrary(commandsOf(scenario, entry.implementation), "concurrent", false), { numRuns: PRICE_CASES, seed: 42 });
      let requests = 0;
      let messages = 0;
      let refused = 0;
      let concurrentRequests = 0;
      const linearRows: string[] = [];
      let spurious = 0;
      const settleSteps: number[] = [];
      for (const [index, testCase] of cases.entries()) {
        const execution = await executeEventually(scenario, entry.implementation, programOfCase(testCase), {
          timeLimitMs: 10_000,
          settleSteps: DEFAULT_SETTLE_STEPS,
          succeeded: succeededIn(familyOfImplementation(entry.implementation)),
        });
        if (execution.failure !== undefined) throw new Error(`${entry.implementation.name} failed on ${scenario.name}: ${execution.failure.kind}`);
        requests += requestCount(testCase);
        concurrentRequests += testCase.branches.reduce((sum, branch) => sum + branch.length, 0);
        messages += execution.history.timeline.filter((event) => event.kind === "note" && event.text.startsWith("⇢ ")).length;
        refused += execution.refusals.refused;
        spurious += execution.refusals.spurious;
        // The last round's settle phase: steps from the last request's acceptance to rest.
        const start = execution.settleStarts.at(-1);
        if (start !== undefined) settleSteps.push(execution.history.timeline.slice(start).filter((event) => event.kind === "step").length);
        step.tick(index + 1);
      }
      step.done(`${spurious}/${refused} spurious`);
      // The linearizable designs of the family that pass on this scenario, on the same cases (their decisions read the same choices).
      const linearizable = catalogue.filter(
        (other) =>
          other.implementation.family === entry.implementation.family &&
          other.implementation.backend === "memory" &&
          other.expected.concurrent === "passed" &&
          (other.scenarios?.includes(scenario.name) ?? true),
      );
      for (const other of linearizable) {
        let commands = 0;
        let concurrent = 0;
        let refusedThere = 0;
        let steps = 0;
        for (const testCase of cases) {
          const program = programOfCase(testCase);
          const execution = await execute(
            scenario,
            other.implementation,
            { prefix: program.prefix, branches: program.branches },
            new ChoiceSource(testCase.choices),
            {
              timeLimitMs: 10_000,
            },
          );
          if (execution.failure !== undefined) throw new Error(`${other.implementation.name} failed on ${scenario.name}: ${execution.failure.kind}`);
          commands += requestCount(testCase);
          steps += execution.history.timeline.filter((event) => event.kind === "step").length;
          const branchOperations = execution.history.operations.filter((operation) => operation.task !== PREFIX_TASK && operation.outcome !== undefined);
          concurrent += branchOperations.length;
          refusedThere += branchOperations.filter((operation) => !succeededIn(familyOfImplementation(entry.implementation))(operation.outcome)).length;
        }
        linearRows.push(
          `| ${other.implementation.name} (linearizable) | ${scenario.name} | ${commands} | none by its claim; ${refusedThere} of ${concurrent} concurrent requests refused | 0 | – (${(steps / Math.max(1, commands)).toFixed(1)} steps per request, none after it returns) | – |`,
        );
      }
      const rate = refused === 0 ? "–" : `${Math.round((100 * spurious) / refused)}% (${spurious} of ${refused})`;
      rows.push(
        `| ${entry.implementation.name} | ${scenario.name} | ${requests} | ${rate}; ${refused} of ${concurrentRequests} concurrent requests refused | ${(messages / Math.max(1, requests)).toFixed(2)} | ${median(settleSteps)} | ${Math.max(0, ...settleSteps)} |`,
      );
      rows.push(...linearRows);
    }
  }
  return [
    "| design | scenario | requests | spurious refusals (of refused concurrent requests) | messages per request | steps to settle, median | max |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
};

/**
 * The eventual-consistency section of BENCHMARKS.md (memory): how fast random mode catches each
 * broken variant of the saga, and what the correct designs pay under contention.
 */
export const eventualSection = async (options: { readonly progress?: Progress } = {}): Promise<string> => {
  const progress = options.progress ?? stderrProgress();
  return [
    "## Eventual consistency (memory)",
    "",
    `Random mode (concurrent, faults on, up to 300 runs) against each broken variant, ${DETECTION_SEEDS} seeds (1–${DETECTION_SEEDS}); sizes are requests + faults after shrinking.`,
    "",
    await detection(progress),
    "",
    `The price of eventual consistency: ${PRICE_CASES} generated concurrent cases per design and scenario (fast-check seed 42, no faults).`,
    "A linearizable design of the same family has, by its claim, no spurious refusal (every refusal is the model's in an order that respects real time),",
    "no message, and nothing to settle: its request ends with its transaction.",
    "",
    await price(progress),
  ].join("\n");
};
