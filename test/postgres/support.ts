import { afterAll, inject } from "vitest";
import { openSession, type PostgresSession } from "../../backends/postgres/index.js";
import { type Lanes, lanesOf } from "../support/session-lanes.js";

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

/** `count` sessions of this test file, each lent to one check at a time. */
export const sessionLanes = (count: number): Promise<Lanes<PostgresSession>> => lanesOf(count, fileSession);
