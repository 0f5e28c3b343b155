import type { Backend } from "../../engine/backend.js";
import { NOT_COVERED, canStartServer, startMariadbServer } from "./server.js";
import { openSession, type MariadbSession } from "./session.js";

export type { MariadbEnvironment } from "./environment.js";
export { openSession, type MariadbSession } from "./session.js";
export { canStartServer, NOT_COVERED, startMariadbServer, type MariadbServer } from "./server.js";

/**
 * Opens a session on the server named by `MARIADB_URL`, or else on a `mariadbd` started for the
 * session alone and stopped with it; without either, fails with one line that says how to cover
 * MariaDB.
 */
export const startMariadbSession = async (url: string | undefined = process.env.MARIADB_URL): Promise<MariadbSession> => {
  if (url !== undefined && url !== "") return openSession(url);
  if (!canStartServer()) throw new Error(NOT_COVERED);
  const server = await startMariadbServer();
  try {
    return await openSession(server.url, { label: "started MariaDB", onStop: server.stop });
  } catch (error) {
    await server.stop();
    throw error;
  }
};

/** Real MariaDB (InnoDB) transactions, interleaved statement by statement. */
export const mariadbBackend: Backend = {
  name: "mariadb",
  unavailable: () => ((process.env.MARIADB_URL ?? "") === "" && !canStartServer() ? NOT_COVERED : undefined),
  // As on PostgreSQL (backends/postgres/index.ts): the same designs, the same statements per command.
  defaultRuns: 200,
  timeLimitMs: 10_000,
  start: () => startMariadbSession(),
};
