/** Lends sessions to checks, one check per session at a time. */
export type Lanes<Session> = <T>(work: (session: Session) => Promise<T>) => Promise<T>;

/**
 * `count` sessions from `open`, each lent to one check at a time. Checks are bound by round trips,
 * not by CPU, so a few running side by side, each in a database or schema of its own, finish much
 * sooner; the engine's decisions never depend on timing, so the verdicts stay the same.
 */
export const lanesOf = async <Session>(count: number, open: () => Promise<Session>): Promise<Lanes<Session>> => {
  const free = await Promise.all(Array.from({ length: count }, () => open()));
  const waiting: Array<(session: Session) => void> = [];
  return async (work) => {
    const session = free.pop() ?? (await new Promise<Session>((resolve) => waiting.push(resolve)));
    try {
      return await work(session);
    } finally {
      const next = waiting.shift();
      if (next === undefined) free.push(session);
      else next(session);
    }
  };
};
