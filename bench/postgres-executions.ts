/**
 * The PostgreSQL executions-per-second subsection alone, with its breakdown, printed as Markdown on
 * stdout (progress on stderr): `npx tsx bench/postgres-executions.ts`. On the embedded server, or on
 * the server at DATABASE_URL when it is set, like `npm run bench`.
 */
import { memoryBackend } from "../backends/memory.js";
import { startPostgresSession } from "../backends/postgres/index.js";
import { throughputSection } from "./postgres-markdown.js";
import { measurePostgresThroughput } from "./postgres-throughput.js";
import { stderrProgress } from "./progress.js";

const session = await startPostgresSession();
const memory = await memoryBackend.start();
try {
  const throughput = await measurePostgresThroughput({ postgres: session, memory }, stderrProgress());
  process.stdout.write(`${throughputSection({ throughput })}\n`);
} finally {
  await memory.stop();
  await session.stop();
}
