import { afterAll, inject } from "vitest";
import { type MariadbSession, openSession } from "../../backends/mariadb/index.js";
import { type Lanes, lanesOf } from "../support/session-lanes.js";

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

/** `count` sessions of this test file, each lent to one check at a time. */
export const sessionLanes = (count: number): Promise<Lanes<MariadbSession>> => lanesOf(count, fileSession);
