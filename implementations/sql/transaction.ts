/** A connection of either driver, as far as ending a transaction needs it. */
interface Connection {
  query(sql: string): Promise<unknown>;
}

/**
 * Runs `work` inside the transaction already begun on `connection`: COMMIT when it returns,
 * ROLLBACK when it throws. A failed ROLLBACK is ignored, so that the caller sees the error that
 * failed the work; a failed COMMIT is rethrown, since the server has ended the transaction anyway.
 */
export const commitOrRollback = async <C extends Connection, T>(connection: C, work: (connection: C) => Promise<T>): Promise<T> => {
  let result: T;
  try {
    result = await work(connection);
  } catch (error) {
    await connection.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  await connection.query("COMMIT");
  return result;
};

/** Under the harness a retry loop always ends (one task finally runs alone); this bounds a real livelock. */
const MAX_ATTEMPTS = 100;

/** Runs `attempt` again, from its first statement, while it fails with an error `retryable` accepts. */
export const retryWhile = async <T>(retryable: (error: unknown) => boolean, attempt: () => Promise<T>): Promise<T> => {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!retryable(error) || tries >= MAX_ATTEMPTS) throw error;
    }
  }
};
