import type { Backend } from "../../engine/backend.js";
import { startEmbeddedServer } from "./server.js";
import { openSession, type PostgresSession } from "./session.js";

export type { PostgresEnvironment } from "./environment.js";
export { openSession, type PostgresSession } from "./session.js";
export { startEmbeddedServer, type Server } from "./server.js";
export { UngatedConnection } from "./ungated.js";

/**
 * Opens a session on the server named by `DATABASE_URL`, or else on an embedded PostgreSQL started
 * for the session alone and stopped with it.
 */
export const startPostgresSession = async (url: string | undefined = process.env.DATABASE_URL): Promise<PostgresSession> => {
  if (url !== undefined && url !== "") return openSession(url, { recordSchema: true });
  const server = await startEmbeddedServer();
  try {
    return await openSession(server.url, { label: "embedded PostgreSQL", onStop: server.stop, exclusive: true });
  } catch (error) {
    await server.stop();
    throw error;
  }
};

/** Real PostgreSQL transactions, interleaved statement by statement. */
export const postgresBackend: Backend = {
  name: "postgres",
  // A server's check costs 30 to 50 ms a run: 200 runs are seconds per check. Fewer missed a removed
  // row lock at some seeds (1 in 60 at 100 runs; test/mutation/postgres-mutants.ts), and a race lies
  // as far behind statements on a server as in memory.
  defaultRuns: 200,
  timeLimitMs: 10_000,
  start: () => startPostgresSession(),
};
