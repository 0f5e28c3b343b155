import { afterAll, inject } from "vitest";
import { type MariadbSession, openSession } from "../../backends/mariadb/index.js";

/** The test run's server, from the global setup; without one, the reason, as a failure. */
export const mariadbUrl = (): string => {
  const url = inject("mariadbUrl");
  if (url === "") throw new Error(inject("mariadbMissing") || "no MariaDB server for this run: test/mariadb/global-setup.ts did not start one");
  return url;
};

/** A session of this test file on the run's server, stopped (its database dropped) after the file. */
export const fileSession = async (): Promise<MariadbSession> => {
  const session = await openSession(mariadbUrl());
  afterAll(() => session.stop());
  return session;
};

/**
 * `count` sessions, each lent to one check at a time: checks are bound by round trips, so a few
 * side by side, each in a database of its own, finish sooner with the same verdicts.
 */
export const sessionLanes = async (count: number): Promise<<T>(work: (session: MariadbSession) => Promise<T>) => Promise<T>> => {
  const free = await Promise.all(Array.from({ length: count }, () => fileSession()));
  const waiting: Array<(session: MariadbSession) => void> = [];
  return async (work) => {
    const session = free.pop() ?? (await new Promise<MariadbSession>((resolve) => waiting.push(resolve)));
    try {
      return await work(session);
    } finally {
      const next = waiting.shift();
      if (next === undefined) free.push(session);
      else next(session);
    }
  };
};
