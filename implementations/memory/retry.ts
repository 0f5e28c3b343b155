/** How many version conflicts in a row a command tolerates before it reports failure. */
export const MAX_ATTEMPTS = 100;

/**
 * Runs `attempt` until it returns an answer (not `"conflict"`). Under the harness a conflict loop
 * always ends, because an exhausted decision list lets one task run to completion.
 */
export const retryOnConflict = async <T>(attempt: () => Promise<T | "conflict">): Promise<T> => {
  for (let tries = 1; tries <= MAX_ATTEMPTS; tries++) {
    const result = await attempt();
    if (result !== "conflict") return result;
  }
  throw new Error(`gave up after ${MAX_ATTEMPTS} version conflicts in a row`);
};
