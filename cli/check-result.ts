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

/** The expectation a known-broken design meets when it is caught. */
export const KNOWN_BROKEN = "expected: a known-broken design";

/**
 * Why a verdict is, or is not, the one expected: a known-broken design caught is expected and says
 * so, an expected pass says nothing, a built-in design's surprise is UNEXPECTED, and a team's own
 * design that fails is told what it failed (`failed`: its claim does not hold, is not proved).
 */
export const expectationText = ({ ok, expected, builtIn, failed }: { ok: boolean; expected: string; builtIn: boolean; failed: string }): string =>
  ok ? (expected === "violated" ? KNOWN_BROKEN : "") : builtIn ? `UNEXPECTED: expected ${expected}` : failed;

/** The end of a verdict line: the expectation in parentheses when it was met, after an arrow when it was not. */
export const expectationNote = (ok: boolean, expectation: string): string => (expectation === "" ? "" : ok ? `  (${expectation})` : `  ← ${expectation}`);
