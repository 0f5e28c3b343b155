import { describe, expect, test } from "vitest";
import { memoryBackend } from "../../backends/memory.js";
import type { BackendSession } from "../../engine/backend.js";
import type { Mode, Verdict } from "../../engine/random/check.js";
import { verdictReport } from "../../engine/report/verdict-text.js";
import { catalogue, type CatalogueEntry } from "../../properties/catalogue.js";
import { familyOf } from "../../properties/families.js";
import { verify } from "../../properties/verify.js";
import { commandCount, preemptionCount } from "./verdicts.js";

/** Lends a backend session to one check at a time (PostgreSQL test files run a few side by side). */
export type Lanes = <T>(work: (session: BackendSession) => Promise<T>) => Promise<T>;

/** A fresh in-memory session per check: starting one costs nothing. */
export const inMemory: Lanes = async (work) => work(await memoryBackend.start());

interface MatrixSettings {
  readonly seeds: ReadonlyArray<number>;
  /** Runs per check of a design expected to pass; a violation stops the search at once, so its cap can be high. */
  readonly runs: Readonly<Record<Mode, number>>;
  readonly runsUntilViolation: Readonly<Record<Mode, number>>;
  /** A pass is evidence only if the runs were varied: the fewest distinct interleavings accepted. */
  readonly distinctAtLeast?: Readonly<Record<Mode, number>>;
  /** Checks on a server wait on round trips, so a few run side by side; checks in memory wait on nothing. */
  readonly sideBySide: boolean;
  /** Per check, when the suite's default does not fit: side by side, a check's time includes its wait for a lane. */
  readonly timeoutMs?: number;
}

/** The backends whose designs the matrix checks. */
export type MatrixBackend = "memory" | "postgres" | "mariadb";

const onServer: MatrixSettings = {
  seeds: [20_240_601],
  runs: { sequential: 25, concurrent: 50 },
  // Twice the backends' default of 100: at this seed mariadb-flight-naive on overbooking-margin was met at
  // run 106 with preemption points alone (29 with the default strategy now).
  runsUntilViolation: { sequential: 200, concurrent: 200 },
  sideBySide: true,
  // Three cells side by side on two cores, beside another server's suite: a cell that searches, shrinks and
  // replays on a server took up to a minute (25 s alone).
  timeoutMs: 120_000,
};

const SETTINGS: Readonly<Record<MatrixBackend, MatrixSettings>> = {
  // The read-skew race needs three commands on the limit-1 scenarios and can take a thousand runs to meet.
  memory: {
    seeds: [1, 2, 3],
    runs: { sequential: 300, concurrent: 300 },
    runsUntilViolation: { sequential: 3_000, concurrent: 3_000 },
    distinctAtLeast: { sequential: 151, concurrent: 251 },
    sideBySide: false,
  },
  // Correct designs: enough runs to vary, few enough for CI on two cores. Broken designs: a check
  // stops at its first failure, so a generous bound costs only the designs that need it.
  postgres: onServer,
  mariadb: onServer,
};

/** Checks, for one design, what its shrunk counterexample looks like beyond its size. */
export type CounterexampleCheck = (verdict: Verdict) => void;

/** The catalogue's designs of `family` on `backend`, each on every scenario it names, in both modes. */
export const matrixCells = (family: string, backend: MatrixBackend) => {
  const scenarios = familyOf(family)?.scenarios ?? [];
  const designs = catalogue.filter((entry) => entry.implementation.family === family && entry.implementation.backend === backend);
  const cells = designs
    .flatMap((entry) => scenarios.filter((scenario) => entry.scenarios?.includes(scenario.name) ?? true).map((scenario) => ({ scenario, ...entry })))
    .flatMap((cell) =>
      (["sequential", "concurrent"] as const).map((mode: Mode) => ({ ...cell, mode, name: `${cell.scenario.name} · ${cell.implementation.name} · ${mode}` })),
    );
  return { scenarios, designs, cells };
};

const expectVerdict = (entry: CatalogueEntry, mode: Mode, verdict: Verdict, settings: MatrixSettings, check: CounterexampleCheck | undefined): void => {
  const report = verdictReport(verdict, "");
  expect(verdict.status, report).toBe(entry.expected[mode]);
  if (verdict.status === "violated") {
    // The evidence convinces only when it is small: shrinking must reach the smallest counterexample.
    expect(entry.minimal, `the catalogue states the minimal counterexample of ${entry.implementation.name}`).toBeDefined();
    expect({ commands: commandCount(verdict), preemptions: preemptionCount(verdict) }, report).toEqual(entry.minimal);
    check?.(verdict);
  } else if (settings.distinctAtLeast !== undefined) {
    expect(verdict.distinctInterleavings, report).toBeGreaterThanOrEqual(settings.distinctAtLeast[mode]);
  }
};

/**
 * Checks every design of `family` on `backend` in the catalogue, on each scenario it names, in both
 * modes at the backend's fixed seeds: the verdict the catalogue promises and, for every violation,
 * a shrunk counterexample of exactly the catalogue's minimal size (and whatever `checks` adds for
 * a design); for a pass in memory, that the runs were varied.
 */
export const verifyCatalogue = (family: string, backend: MatrixBackend, inLane: Lanes, checks: Readonly<Record<string, CounterexampleCheck>> = {}): void => {
  const settings = SETTINGS[backend];
  const { scenarios, designs, cells } = matrixCells(family, backend);

  test(`${family} has scenarios and designs on ${backend}, a known-broken one among them`, () => {
    expect(scenarios.length).toBeGreaterThan(0);
    expect(designs.length).toBeGreaterThan(1);
    expect(designs.some(({ expected }) => expected.concurrent === "violated")).toBe(true);
    for (const name of Object.keys(checks)) expect(designs.map(({ implementation }) => implementation.name)).toContain(name);
  });

  (settings.sideBySide ? describe.concurrent : describe)(`${family} on ${backend}`, () => {
    test.each(cells)("$name", settings.timeoutMs === undefined ? {} : { timeout: settings.timeoutMs }, async (cell) => {
      for (const seed of settings.seeds) {
        const numRuns = (cell.expected[cell.mode] === "violated" ? settings.runsUntilViolation : settings.runs)[cell.mode];
        const verdict = await inLane((session) => verify(cell.scenario, cell.implementation, session, { mode: cell.mode, seed, numRuns }));
        expectVerdict(cell, cell.mode, verdict, settings, checks[cell.implementation.name]);
      }
    });
  });
};
