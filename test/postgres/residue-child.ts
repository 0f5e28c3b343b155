/**
 * A process that starts what the PostgreSQL backend starts, says so on stdout, and waits to be
 * killed: `server` starts an embedded server, `session <url>` opens a recorded session on `url`.
 */
import { openSession } from "../../backends/postgres/session.js";
import { startEmbeddedServer } from "../../backends/postgres/server.js";

const [mode, url] = process.argv.slice(2);
if (mode === "server") {
  await startEmbeddedServer();
  process.stdout.write("started\n");
} else if (mode === "session" && url !== undefined) {
  const session = await openSession(url, { recordSchema: true });
  process.stdout.write(`${session.schema}\n`);
} else {
  throw new Error("usage: residue-child.ts server | session <url>");
}
setInterval(() => undefined, 60_000);
