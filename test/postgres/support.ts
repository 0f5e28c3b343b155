import { afterAll, inject } from "vitest";
import { openSession, type PostgresSession } from "../../backends/postgres/index.js";

/** The test run's server, from the global setup. */
export const postgresUrl = (): string => {
  const url = inject("postgresUrl");
  if (url === "") throw new Error("no PostgreSQL server for this run: test/postgres/global-setup.ts did not start one");
  return url;
};

/** A session of this test file on the run's server, stopped (its schema dropped) after the file. */
export const fileSession = async (): Promise<PostgresSession> => {
  const session = await openSession(postgresUrl());
  afterAll(() => session.stop());
  return session;
};

/**
 * `count` sessions, each lent to one check at a time. Checks are bound by round trips, not by CPU,
 * so a few running side by side, each in a schema of its own, finish much sooner; the engine's
 * decisions never depend on timing, so the verdicts stay the same.
 */
export const sessionLanes = async (count: number): Promise<<T>(work: (session: PostgresSession) => Promise<T>) => Promise<T>> => {
  const free = await Promise.all(Array.from({ length: count }, () => fileSession()));
  const waiting: Array<(session: PostgresSession) => void> = [];
  return async (work) => {
    const session = free.pop() ?? (await new Promise<PostgresSession>((resolve) => waiting.push(resolve)));
    try {
      return await work(session);
    } finally {
      const next = waiting.shift();
      if (next === undefined) free.push(session);
      else next(session);
    }
  };
};
