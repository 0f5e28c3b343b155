import { randomBytes } from "node:crypto";

/** Connections a session may open for the code under test: a few per concurrent task is plenty. */
export const POOL_SIZE = 20;

/** How long stopping waits for the pools to close before the session ends their server connections itself. */
const STOP_GRACE_MS = 3_000;

/** A fresh name for the database or schema that holds everything one session creates: `invariant_lab_<random>`. */
export const sessionSpaceName = (): string => `invariant_lab_${randomBytes(6).toString("hex")}`;

/**
 * Closes a stopping session's pools, or stops waiting after a grace period: a connection that a
 * parked task still holds never comes back by itself, and the caller ends it on the server.
 */
export const closePools = async (end: () => Promise<void>): Promise<void> => {
  await Promise.race([end().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
};
