/**
 * Helpers for values that are sometimes ready at once and sometimes awaited. The engine's checks
 * run at every decision of a proof; when a design answers synchronously, awaiting anyway costs
 * promises (and, with the step host's async context, hooks on each), so these take the value as it comes.
 */

export const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  value !== null && (typeof value === "object" || typeof value === "function") && typeof (value as { then?: unknown }).then === "function";

/** `then` applied to `value` now if it is ready, or once it resolves. */
export const thenOrNow = <T, U>(value: T | Promise<T>, then: (ready: T) => U): U | Promise<U> =>
  isPromiseLike(value) ? Promise.resolve(value).then(then) : then(value);
