import type { BackendSession } from "../engine/backend.js";

/** How often, at most, a run in memory lets the event loop turn, so that a signal or a message can be heard. */
const TURN_EVERY_MS = 20;

/**
 * The session as a check should see it while a run may be stopped: once `stopped` gives a reason, it
 * lends no more runs, so the check in flight ends at its next run instead of going on against a
 * backend being torn down. Before each run it lets the event loop turn now and then: runs in memory
 * settle on promises alone, and a signal or a message is only heard when the loop turns. The engine's
 * decisions never depend on timing, so this changes no verdict.
 */
export const interruptibleSession = (session: BackendSession, stopped: () => string | undefined): BackendSession => {
  let turned = performance.now();
  return {
    ...session,
    beginRun: async () => {
      if (performance.now() - turned >= TURN_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        turned = performance.now();
      }
      const reason = stopped();
      if (reason !== undefined) throw new Error(reason);
      return session.beginRun();
    },
  };
};
