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
