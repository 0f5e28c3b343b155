import type { ClientConfig } from "pg";
import { connectionFailure } from "../sql/server-url.js";

/** Guards against a statement or lock wait that nothing will ever end, below a run's time limit (10 s). */
const LOCK_TIMEOUT_MS = 4_000;
const STATEMENT_TIMEOUT_MS = 8_000;
const CONNECT_TIMEOUT_MS = 5_000;

/** One line that says which server, what the harness tried, and what went wrong; never the password. */
export const connectionError = (url: string, attempt: string, error: unknown): Error => connectionFailure("PostgreSQL", url, attempt, error);

/**
 * The harness breaks deadlocks by its own rule (see probe.ts) within milliseconds; the server's
 * detector waits this long first, so it never races the rule, yet stays below `lock_timeout`, so
 * that a cycle the rule does not see still ends as a deadlock (40P01) and not as a lock timeout.
 * Only a superuser (or a role granted SET on it) may change it for a session.
 */
export const DEADLOCK_TIMEOUT = `deadlock_timeout=${LOCK_TIMEOUT_MS - 1_000}`;

/**
 * Every connection of a session works inside the session's schema, with the timeout guards set and
 * any `settings` (`name=value`) the session may change.
 */
export const connectionConfig = (url: string, schema: string, applicationName: string, settings: ReadonlyArray<string> = []): ClientConfig => ({
  connectionString: url,
  connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  application_name: applicationName,
  options: [`search_path=${schema}`, `lock_timeout=${LOCK_TIMEOUT_MS}`, `statement_timeout=${STATEMENT_TIMEOUT_MS}`, ...settings]
    .map((setting) => `-c ${setting}`)
    .join(" "),
});
