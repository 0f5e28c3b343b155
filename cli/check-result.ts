import type { DesignHeader } from "../engine/implementation.js";
import type { Mode, Verdict } from "../engine/random/check.js";
import type { Expected } from "../properties/catalogue.js";

/**
 * What one cell of `verify`'s matrix (scenario × design × backend × mode) came to, kept for the
 * reports written for CI systems. `not-covered`: the backend is missing on this machine; `error`: the
 * check could not be carried out (a backend that did not start, a design the harness cannot run).
 */
export interface CheckResult {
  readonly scenario: string;
  readonly design: DesignHeader;
  readonly mode: Mode;
  readonly expected: Expected;
  readonly outcome: Verdict["status"] | "error" | "not-covered";
  /** Whether the outcome is the one expected; a check not covered is neither. */
  readonly asExpected: boolean;
  /** The verdict line, as printed, with its note (expected, unexpected, not kept). */
  readonly line: string;
  /** The full counterexample report of a violation, or what to do about an undecided check. */
  readonly report: string | undefined;
  /** The command that repeats this check exactly (for a violation, straight to its counterexample). */
  readonly replay: string | undefined;
  readonly verdict: Verdict | undefined;
  readonly warnings: ReadonlyArray<string>;
  readonly durationMs: number;
}
