import type { BackendSession } from "../engine/backend.js";
import type { AnyImplementation } from "../engine/implementation.js";
import type { Mode } from "../engine/random/check.js";
import { type AssertClaimOptions, assertClaimOn } from "./assert-claim.js";
import { backendOf, familyOfImplementation } from "./verify.js";

export interface DescribeClaimsOptions extends Omit<AssertClaimOptions, "modes"> {
  /** Default: both, sequential first. */
  readonly modes?: ReadonlyArray<Mode>;
  /** Only the designs on these backends (default: every design given). */
  readonly backends?: ReadonlyArray<string>;
  /** Per test (one scenario in one mode), in milliseconds; default 300 000: a check takes seconds in memory, more on a server. */
  readonly timeout?: number;
  /** For starting a design's backend (an embedded PostgreSQL takes seconds); default 120 000 ms. */
  readonly startTimeout?: number;
}

/** The part of a test runner's API the suite is built with: vitest's, or any runner's with the same shape. */
export interface SuiteApi {
  readonly describe: (name: string, body: () => void) => void;
  readonly test: (name: string, body: () => Promise<void>, timeout?: number) => void;
  readonly beforeAll: (body: () => Promise<void>, timeout?: number) => void;
  readonly afterAll: (body: () => Promise<void>) => void;
}

/**
 * Registers one `describe` per design and in it one test per scenario × mode, named
 * `<scenario> · <mode>`, on one session of the design's backend started before its tests. Returns
 * the tests' full names (`<describe> > <test>`). Throws at once, before any test runs, on a name
 * that selects nothing.
 */
export const registerClaims = (
  api: SuiteApi,
  designs: AnyImplementation | ReadonlyArray<AnyImplementation>,
  options: DescribeClaimsOptions = {},
): ReadonlyArray<string> => {
  const { backends, timeout = 300_000, startTimeout = 120_000, modes = ["sequential", "concurrent"], ...claim } = options;
  const chosen = (Array.isArray(designs) ? designs : [designs]) as ReadonlyArray<AnyImplementation>;
  const selected = chosen.filter((design) => backends?.includes(design.backend) ?? true);
  if (selected.length === 0) throw new Error(`describeClaims: no design given is on the backends ${backends?.join(", ")}`);
  const names: string[] = [];
  for (const design of selected) {
    const family = familyOfImplementation(design);
    const scenarios = family.scenarios.filter((scenario) => claim.scenarios?.includes(scenario.name) ?? true);
    if (scenarios.length === 0) throw new Error(`describeClaims: ${design.name}: no scenario of family ${family.name} is named ${claim.scenarios?.join(", ")}`);
    if (claim.path !== undefined && scenarios.length * modes.length !== 1)
      throw new Error(
        `describeClaims: ${design.name}: path replays one counterexample: name its one scenario and one mode, as the replay printed with it does`,
      );
    const suite = `${design.name} (${design.backend}) keeps its claim: ${design.claim}`;
    api.describe(suite, () => {
      let session: BackendSession | undefined;
      api.beforeAll(async () => {
        session = await backendOf(design).start();
      }, startTimeout);
      api.afterAll(async () => {
        await session?.stop();
      });
      for (const scenario of scenarios) {
        for (const mode of modes) {
          const name = `${scenario.name} · ${mode}`;
          names.push(`${suite} > ${name}`);
          api.test(
            name,
            async () => {
              if (session === undefined) throw new Error(`describeClaims: the ${design.backend} backend did not start for ${design.name}`);
              await assertClaimOn(session, design, { ...claim, scenarios: [scenario.name], modes: [mode] });
            },
            timeout,
          );
        }
      }
    });
  }
  return names;
};
