/**
 * A process that starts what the PostgreSQL backend starts, says so on stdout, and waits for a
 * signal: `server` starts an embedded server; `session <url>` opens a recorded session on `url`;
 * `blocked <url>` opens a session whose run holds a row lock while another statement waits for it
 * (`blocked embedded`: the same on an embedded server started for the session).
 */
import { onInterrupt } from "../../backends/exit-guard.js";
import { startPostgresSession } from "../../backends/postgres/index.js";
import { openSession } from "../../backends/postgres/session.js";
import { startEmbeddedServer } from "../../backends/postgres/server.js";
import type { PostgresEnvironment } from "../../backends/postgres/environment.js";

const [mode, url] = process.argv.slice(2);
if (mode === "server") {
  await startEmbeddedServer();
  process.stdout.write("started\n");
} else if (mode === "session" && url !== undefined) {
  const session = await openSession(url, { recordSchema: true });
  process.stdout.write(`${session.schema}\n`);
} else if (mode === "blocked" && url !== undefined) {
  onInterrupt((signal) => process.stderr.write(`interrupted by ${signal}\n`));
  const session = url === "embedded" ? await startPostgresSession("") : await openSession(url);
  const { pool, direct } = (await session.beginRun()).environment as PostgresEnvironment;
  await direct.query("CREATE TABLE locked (id int PRIMARY KEY); INSERT INTO locked VALUES (1)");
  const holder = await pool.connect();
  await holder.query("BEGIN");
  await holder.query("SELECT id FROM locked WHERE id = 1 FOR UPDATE");
  // pool.query releases its connection from a callback when the statement ends: after the session took it back.
  pool.query("UPDATE locked SET id = 2 WHERE id = 1", () => undefined);
  const waiting = async (): Promise<void> => {
    const { rows } = await direct.query<{ waiting: number }>(
      "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = $1",
      [`invariant-lab ${session.schema}`],
    );
    if ((rows[0]?.waiting ?? 0) === 0) return new Promise((resolve) => setTimeout(resolve, 10)).then(waiting);
  };
  await waiting();
  process.stdout.write(`${session.schema}\n`);
} else {
  throw new Error("usage: residue-child.ts server | session <url> | blocked <url>");
}
setInterval(() => undefined, 60_000);
